// What "our own words are Chinese" means for a grader finding: with the tool output it quotes taken out
// (given verbatim, or in backticks or quotes), what is left has Chinese and no English phrase.

/** Three ASCII words in a row, or an English function word: a phrase someone wrote in English. */
const ENGLISH_PHRASE = /[A-Za-z][A-Za-z'-]*(?:[ ,]+[A-Za-z][A-Za-z'-]*){2,}/;
// Lowercase only: capitalised words in a finding are values (Running, Metadata), not our sentences.
const ENGLISH_WORD = /\b(?:The|the|is|are|not|no|of|for|with|without|does|was|were|at|in|on|to|runs|raised|matches|exist|exists|alert|alerts|event|events|but|and|or|exit|bytes|running|logged|among|such|loads|named|would|start|went|latest|stage|level|policy|rule)\b/;
const CJK = /[\u4e00-\u9fff]/;

/** The finding with quoted tool output and literals (paths, `code`, "names") removed. */
export function ownWords(text: string, verbatim: readonly string[] = []): string {
  let rest = text;
  for (const v of verbatim) if (v) rest = rest.split(v).join(' ');
  return rest
    .replace(/(?:\/[\w.@:-]+)+\/?/g, ' ')
    .replace(/`[^`]*`/g, ' ')
    .replace(/“[^”]*”/g, ' ')
    .replace(/"[^"]*"/g, ' ');
}

/** Why a Chinese finding still reads as English in our own words, or null when it does not. */
export function englishInChinese(text: string, verbatim: readonly string[] = []): string | null {
  const rest = ownWords(text, verbatim);
  if (!CJK.test(rest)) return `no Chinese outside the quoted output: ${JSON.stringify(text)}`;
  const phrase = ENGLISH_PHRASE.exec(rest) ?? ENGLISH_WORD.exec(rest);
  return phrase ? `English ${JSON.stringify(phrase[0])} in ${JSON.stringify(text)}` : null;
}

// Node kinds of a kubectl JSONPath template, one per node type in client-go's util/jsonpath/node.go.
//
// A parsed template is a root ListNode whose children are TextNodes (literal text between actions)
// and ListNodes (one per `{…}` action). Inside an action the nodes form a pipeline applied left to
// right: `{.items[*].metadata.name}` is List[Field items, Array [:], Field metadata, Field name].

export interface ListNode {
  type: 'List';
  nodes: JsonPathNode[];
}

export interface TextNode {
  type: 'Text';
  text: string;
}

export interface FieldNode {
  type: 'Field';
  /** Backslash escapes already removed: `kubernetes\.io/hostname` → `kubernetes.io/hostname`. */
  name: string;
}

/** One of the three `[start:end:step]` slots. */
export interface SliceParam {
  value: number;
  known: boolean;
  /** `[i]` stores end = i + 1 as a derived value, so `[-1]` can be fixed up against the length. */
  derived: boolean;
}

export interface ArrayNode {
  type: 'Array';
  params: [SliceParam, SliceParam, SliceParam];
}

export interface FilterNode {
  type: 'Filter';
  left: ListNode;
  right: ListNode;
  /** `==`, `!=`, `<`, `>`, `<=`, `>=`, `exists`, or whatever operator text the user wrote. */
  operator: string;
}

export interface IntNode {
  type: 'Int';
  value: number;
}

export interface FloatNode {
  type: 'Float';
  value: number;
}

export interface BoolNode {
  type: 'Bool';
  value: boolean;
}

export interface WildcardNode {
  type: 'Wildcard';
}

export interface RecursiveNode {
  type: 'Recursive';
}

export interface UnionNode {
  type: 'Union';
  nodes: ListNode[];
}

/** `range`, `end`, or any other bare word (an error only when evaluated). */
export interface IdentifierNode {
  type: 'Identifier';
  name: string;
}

export type JsonPathNode =
  | ListNode
  | TextNode
  | FieldNode
  | ArrayNode
  | FilterNode
  | IntNode
  | FloatNode
  | BoolNode
  | WildcardNode
  | RecursiveNode
  | UnionNode
  | IdentifierNode;

/** A successfully parsed template. */
export interface JsonPathTemplate {
  /** The text as the user wrote it, kept for kubectl's error messages. */
  source: string;
  root: ListNode;
}

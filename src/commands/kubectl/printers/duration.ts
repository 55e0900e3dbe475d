// AGE columns: the same duration.HumanDuration the API server's printers use (kubectl and the server
// share apimachinery's function), re-exported for kubectl's describe and its own table printing.

export { humanDuration, parseTimestamp, translateTimestampSince } from '../../../kube/apiserver/printers/duration';

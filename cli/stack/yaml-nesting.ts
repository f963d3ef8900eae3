// A scan of a YAML text's nesting depth before it is parsed. The `yaml` package builds and
// composes documents recursively, so thousands of nested `[` or indented keys overflow the stack
// (and its parser slows down quadratically on the way there). Its lexer is iterative: counting
// open flow collections and open block levels over the lexer's tokens finds the first line that
// is too deep in one pass and stops there, so a deep file is refused in milliseconds, with its line.
import { CST, Lexer } from "yaml";
import { StackFileError } from "./stack-file-error.js";

/**
 * Throws StackFileError at the first line of `text` nested deeper than `depthMax` levels. The
 * depth counted is the open block levels (one per indentation step, plus one per `-` or `?`
 * written on the same line, as in `- - item`) plus the open flow collections: the depth of the
 * values on that line, give or take one.
 */
export function checkNestingDepth(file: string, text: string, depthMax: number): void {
  const indents: number[] = [];
  let flowDepth = 0;
  let offset = 0;
  let lineIndent = 0;
  let lineStart = true;
  let lineMarks = 0;
  let afterScalarMark = false;
  for (const token of new Lexer().lex(text)) {
    const kind = CST.tokenType(token);
    if (afterScalarMark) {
      // The scalar's own text (a block scalar's lines included) nests nothing.
      afterScalarMark = false;
      offset += token.length;
      continue;
    }
    if (token === CST.DOCUMENT || token === CST.FLOW_END) continue;
    // A scalar's marker stands for the scalar: it is content of its line, and its text follows.
    afterScalarMark = token === CST.SCALAR;
    const at = offset;
    if (!afterScalarMark) offset += token.length;
    const blockLine = lineStart && flowDepth === 0;
    switch (kind) {
      case "newline":
        lineStart = true;
        lineIndent = 0;
        lineMarks = 0;
        continue;
      case "space":
        if (lineStart) lineIndent = token.length;
        continue;
      case "comment":
      case "doc-start":
      case "doc-end":
      case "directive-line":
        continue;
      case "flow-map-start":
      case "flow-seq-start":
        flowDepth += 1;
        break;
      case "flow-map-end":
      case "flow-seq-end":
        flowDepth = Math.max(0, flowDepth - 1);
        break;
      case "seq-item-ind":
      case "explicit-key-ind":
        if (flowDepth === 0) lineMarks += 1;
        break;
      default:
        break;
    }
    if (blockLine) {
      // The first content of a block line: it closes the levels indented as deep or deeper, and opens its own.
      while (indents.length > 0 && indents[indents.length - 1]! >= lineIndent) indents.pop();
      indents.push(lineIndent);
    }
    lineStart = false;
    if (indents.length + lineMarks + flowDepth > depthMax) {
      const line = text.slice(0, at).split("\n").length;
      throw new StackFileError({ file, line }, [], `nested deeper than ${depthMax} levels`);
    }
  }
}

import ts from "typescript";

/**
 * Finds user-visible English written straight into a component instead of the catalogs: JSX text, and string literals
 * given to props people read or hear (aria-label, placeholder, title, label …), directly or through a conditional.
 * Class names, ids, routes and symbols are not words and pass.
 */

export const USER_FACING_PROPS = new Set([
  "aria-label",
  "aria-description",
  "aria-valuetext",
  "alt",
  "placeholder",
  "title",
  "label",
  "description",
  "errorMessage",
  "busyLabel",
  "caption",
  "summary",
  "heading",
  "emptyText",
  "what",
]);

/** Functions that put a sentence on screen or in a live region: `say("Saved.")`. */
const ANNOUNCERS = new Set(["say", "announce", "onDone", "setMessage", "setError"]);

export interface Finding {
  line: number;
  text: string;
}

/** Words, not symbols: at least two letters in a row (so "·", "—", "→", "…" and numbers pass). */
const hasWords = (text: string) => /\p{L}{2,}/u.test(text);

export function hardCodedStrings(fileName: string, source: string): Finding[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const findings: Finding[] = [];
  const add = (node: ts.Node, text: string) => {
    const trimmed = text.replace(/\s+/g, " ").trim();
    if (trimmed && hasWords(trimmed))
      findings.push({ line: file.getLineAndCharacterOfPosition(node.getStart(file)).line + 1, text: trimmed });
  };
  /** Strings an expression can evaluate to as written: literals, and both sides of conditionals and ||/??. */
  const literalsIn = (expr: ts.Expression): void => {
    if (ts.isStringLiteral(expr) || ts.isNoSubstitutionTemplateLiteral(expr)) add(expr, expr.text);
    else if (ts.isTemplateExpression(expr)) add(expr, [expr.head.text, ...expr.templateSpans.map((s) => s.literal.text)].join(" "));
    else if (ts.isConditionalExpression(expr)) {
      literalsIn(expr.whenTrue);
      literalsIn(expr.whenFalse);
    } else if (
      ts.isBinaryExpression(expr) &&
      [ts.SyntaxKind.BarBarToken, ts.SyntaxKind.QuestionQuestionToken, ts.SyntaxKind.AmpersandAmpersandToken].includes(
        expr.operatorToken.kind,
      )
    )
      literalsIn(expr.right);
    else if (ts.isParenthesizedExpression(expr)) literalsIn(expr.expression);
  };
  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node)) add(node, node.text);
    else if (ts.isJsxExpression(node) && node.expression && (ts.isJsxElement(node.parent) || ts.isJsxFragment(node.parent)))
      literalsIn(node.expression);
    else if (ts.isJsxAttribute(node) && USER_FACING_PROPS.has(node.name.getText(file)) && node.initializer) {
      if (ts.isStringLiteral(node.initializer)) add(node.initializer, node.initializer.text);
      else if (ts.isJsxExpression(node.initializer) && node.initializer.expression) literalsIn(node.initializer.expression);
    } else if (ts.isBindingElement(node) && node.initializer && USER_FACING_PROPS.has(node.name.getText(file)))
      literalsIn(node.initializer);
    else if (ts.isCallExpression(node) && ANNOUNCERS.has(node.expression.getText(file)) && node.arguments[0]) literalsIn(node.arguments[0]);
    ts.forEachChild(node, visit);
  };
  visit(file);
  return findings;
}

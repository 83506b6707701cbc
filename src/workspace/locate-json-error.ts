/**
 * Where and why a text is not JSON (RFC 8259), for messages with a line and column. V8's own
 * messages give an offset only for some mistakes and otherwise quote the whole text, which for a
 * config file is the whole file. Pure; a small recursive-descent scan that builds nothing.
 */
export interface JsonErrorLocation {
  /** UTF-16 offset of the first character that cannot be right. */
  offset: number;
  line: number;
  column: number;
  /** What was expected there, in words. */
  message: string;
}

class JsonSyntax extends Error {
  constructor(
    readonly offset: number,
    message: string,
  ) {
    super(message);
  }
}

export function locateJsonError(text: string): JsonErrorLocation | undefined {
  const scanner = new JsonScanner(text);
  try {
    scanner.document();
    return undefined;
  } catch (error) {
    if (!(error instanceof JsonSyntax)) throw error;
    const before = text.slice(0, error.offset);
    const line = before.split("\n").length;
    const column = error.offset - (before.lastIndexOf("\n") + 1) + 1;
    return { offset: error.offset, line, column, message: error.message };
  }
}

class JsonScanner {
  private at = 0;

  constructor(private readonly text: string) {}

  document(): void {
    this.value();
    this.space();
    if (this.at < this.text.length) this.fail("unexpected text after the end of the JSON value");
  }

  private value(): void {
    this.space();
    const c = this.text[this.at];
    if (c === "{") this.object();
    else if (c === "[") this.array();
    else if (c === '"') this.string();
    else if (c === "-" || (c !== undefined && c >= "0" && c <= "9")) this.number();
    else if (!["true", "false", "null"].some((word) => this.literal(word))) {
      this.fail(
        c === "'"
          ? "expected a value; strings take double quotes"
          : "expected a value (a string, number, object, array, true, false or null)",
      );
    }
  }

  private object(): void {
    if (this.empty("}")) return;
    do {
      this.space();
      if (this.text[this.at] !== '"') {
        this.fail(
          this.text[this.at] === "}"
            ? "expected a property name after the comma (JSON allows no trailing comma)"
            : "expected a property name in double quotes",
        );
      }
      this.string();
      this.space();
      if (this.text[this.at] !== ":") this.fail("expected ':' after the property name");
      this.at += 1;
      this.value();
    } while (!this.closes("}", "the property value"));
  }

  private array(): void {
    if (this.empty("]")) return;
    do {
      this.space();
      if (this.text[this.at] === "]") {
        this.fail("expected a value after the comma (JSON allows no trailing comma)");
      }
      this.value();
    } while (!this.closes("]", "the array element"));
  }

  /** Steps over the opening bracket; true (and over the closing one too) when nothing is inside. */
  private empty(close: "}" | "]"): boolean {
    this.at += 1;
    this.space();
    if (this.text[this.at] !== close) return false;
    this.at += 1;
    return true;
  }

  /** After a member: true at the closing bracket, false at a comma; anything else is the error. */
  private closes(close: "}" | "]", member: string): boolean {
    this.space();
    const c = this.text[this.at];
    if (c !== close && c !== ",") this.fail(`expected ',' or '${close}' after ${member}`);
    this.at += 1;
    return c === close;
  }

  private string(): void {
    this.at += 1;
    for (;;) {
      const c = this.text[this.at];
      if (c === undefined) this.fail("the string is not closed (missing '\"')");
      if (c === '"') {
        this.at += 1;
        return;
      }
      if (c < " ")
        this.fail("a control character (a line break or tab) inside a string; write it as \\n or \\t");
      if (c === "\\") this.escape();
      else this.at += 1;
    }
  }

  private escape(): void {
    const escaped = this.text[this.at + 1];
    if (escaped === "u") {
      this.at += 2;
      for (let k = 0; k < 4; k += 1) {
        if (!/[0-9a-fA-F]/.test(this.text[this.at] ?? "")) this.fail("expected 4 hex digits after \\u");
        this.at += 1;
      }
    } else if (escaped !== undefined && '"\\/bfnrt'.includes(escaped)) {
      this.at += 2;
    } else {
      this.fail(
        'an invalid escape in a string (valid: \\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)',
        this.at + 1,
      );
    }
  }

  /** -?(0|[1-9]digits)(.digits)?([eE][+-]?digits)?, failing at the first character that breaks it. */
  private number(): void {
    if (this.text[this.at] === "-") this.at += 1;
    if (this.text[this.at] === "0") this.at += 1;
    else this.digits("expected a digit");
    if (this.text[this.at] === ".") {
      this.at += 1;
      this.digits("expected a digit after the decimal point");
    }
    if (this.text[this.at] === "e" || this.text[this.at] === "E") {
      this.at += 1;
      if (this.text[this.at] === "+" || this.text[this.at] === "-") this.at += 1;
      this.digits("expected a digit in the exponent");
    }
  }

  private digits(message: string): void {
    const start = this.at;
    while (/[0-9]/.test(this.text[this.at] ?? "")) this.at += 1;
    if (this.at === start) this.fail(message);
  }

  private literal(word: string): boolean {
    if (!this.text.startsWith(word, this.at)) return false;
    this.at += word.length;
    return true;
  }

  private space(): void {
    while (" \t\n\r".includes(this.text[this.at] ?? "x")) this.at += 1;
  }

  private fail(message: string, offset = this.at): never {
    throw new JsonSyntax(
      offset,
      offset >= this.text.length ? `the file ends too early: ${message}` : message,
    );
  }
}

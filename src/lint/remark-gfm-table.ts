import { gfmTableFromMarkdown } from "mdast-util-gfm-table";
import { gfmTable } from "micromark-extension-gfm-table";
import type { Processor } from "unified";

/**
 * The one GFM construct plans need: pipe tables. Full `remark-gfm` also parses autolink literals,
 * footnotes, strikethrough and task lists, which no rule reads (bare URLs are masked out of prose
 * separately, see `plan-document.ts`), and its autolink-literal scan is the costliest part of it.
 *
 * The table construct is also guarded. micromark tries it at the start of every line of every
 * paragraph and tokenizes the whole line as a head row before it looks at the next line for the
 * delimiter row (`| --- |`), which doubles the cost of prose. A head row is only possible on the line
 * before a delimiter row, so when the caller has told us which lines could be delimiter rows, the
 * construct fails at once on every other line. The list is a superset of real delimiter rows (any
 * line made only of `-`, `:`, `|`, `>` and blanks), so the tree is exactly what the unguarded
 * construct builds.
 */
export interface TableLineHint {
  /** 1-based lines that could be a delimiter row; undefined turns the guard off. */
  delimiterLines: ReadonlySet<number> | undefined;
}

type TableExtension = ReturnType<typeof gfmTable>;
type FlowConstructs = NonNullable<TableExtension["flow"]>;
type Construct = Exclude<FlowConstructs[keyof FlowConstructs], unknown[] | undefined>;
type Tokenizer = Construct["tokenize"];
type TokenizeContext = ThisParameterType<Tokenizer>;

const DELIMITER_LINE = /^[ \t>|:-]*-[ \t>|:-]*$/;

/** Lines (1-based, counted the way micromark counts them) that could be a table delimiter row. */
export function findDelimiterLines(text: string): Set<number> {
  const lines = new Set<number>();
  const all = text.split(/\r\n|\r|\n/);
  for (let index = 0; index < all.length; index++) {
    const line = all[index]!;
    if (line.includes("-") && DELIMITER_LINE.test(line)) lines.add(index + 1);
  }
  return lines;
}

export function remarkGfmTable(this: Processor, hint?: TableLineHint): undefined {
  const data = this.data();
  data.micromarkExtensions ??= [];
  data.fromMarkdownExtensions ??= [];
  data.micromarkExtensions.push(hint ? guardedTable(hint) : gfmTable());
  data.fromMarkdownExtensions.push(gfmTableFromMarkdown());
}

function guardedTable(hint: TableLineHint): TableExtension {
  const extension = gfmTable();
  const original = extension.flow?.null;
  if (!original || Array.isArray(original)) return extension;
  const tokenize: Tokenizer = function (this: TokenizeContext, effects, ok, nok) {
    const inner = original.tokenize.call(this, effects, ok, nok);
    return (code) => {
      const lines = hint.delimiterLines;
      if (lines && !continuesTable(this) && !lines.has(this.now().line + 1)) return nok(code);
      return inner(code);
    };
  };
  return { ...extension, flow: { null: { ...original, tokenize } } };
}

/** The construct's own test for a body row: the last event before blanks is a table head or row. */
function continuesTable(context: TokenizeContext): boolean {
  for (let index = context.events.length - 1; index >= 0; index--) {
    const type = context.events[index]![1].type;
    if (type === "lineEnding" || type === "linePrefix") continue;
    return type === "tableHead" || type === "tableRow";
  }
  return false;
}

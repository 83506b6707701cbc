import { describe, expect, it } from "vitest";
import { locateJsonError } from "../../src/workspace/locate-json-error.js";

const config = `{
  "workspace": { "spec": "../arcp-spec", "out": "planning/v1.1" },
  "bundle": { "budgetTokens": 80000, "exclude": ["tests/fixtures/**", "a\\u00e9\\n"] },
  "lint": { "rules": { "paragraph-cites": "error" }, "maxMinutes": 8.5e0, "x": [true, false, null, -1] }
}
`;

describe("locateJsonError", () => {
  it("finds nothing wrong in valid JSON", () => {
    expect(locateJsonError(config)).toBeUndefined();
    for (const text of ["0", '""', "[]", "{}", " [1, [2, {}]] \n", "-0.5E+3"]) {
      expect(locateJsonError(text), text).toBeUndefined();
    }
  });

  it("names the line, the column and what was expected", () => {
    const cases: [string, number, number, RegExp][] = [
      ['{\n  "a": 1,\n  "b": }', 3, 8, /^expected a value/],
      ['{\n  "a": 1\n  "b": 2\n}', 3, 3, /^expected ',' or '}' after the property value/],
      ['{\n  "a": [1, 2,],\n}', 2, 14, /no trailing comma/],
      ['{ "a": 1.e5 }', 1, 10, /digit after the decimal point/],
      ['{\n  "a": 1,\n}', 3, 1, /no trailing comma/],
      ["{\n  'a': 1\n}", 2, 3, /property name in double quotes/],
      ['{ "a": "x\ny" }', 1, 10, /control character/],
      ['{ "a": 1 }}', 1, 11, /unexpected text after the end/],
      ['{ "a": tru }', 1, 8, /^expected a value/],
      ['{ "a": [1, 2', 1, 13, /^the file ends too early: expected ',' or ']'/],
      ["", 1, 1, /^the file ends too early/],
    ];
    for (const [text, line, column, message] of cases) {
      const found = locateJsonError(text);
      expect(found, text).toMatchObject({ line, column });
      expect(found?.message, text).toMatch(message);
    }
  });

  it("agrees with JSON.parse on thousands of damaged configs, and with V8's offset where it gives one", () => {
    let seed = 11;
    const random = (n: number) => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed % n;
    };
    const noise = ['"', ",", ":", "{", "}", "[", "]", "'", "\n", "\\", "1", "e", "-", ".", " ", "t"];
    let damaged = 0;
    let positioned = 0;
    for (let n = 0; n < 3000; n += 1) {
      const at = random(config.length);
      const cut = random(3);
      const text =
        config.slice(0, at) + (random(2) ? noise[random(noise.length)] : "") + config.slice(at + cut);
      let parseError: Error | undefined;
      try {
        JSON.parse(text);
      } catch (error) {
        parseError = error as Error;
      }
      const found = locateJsonError(text);
      expect(found === undefined, text).toBe(parseError === undefined);
      if (!parseError || !found) continue;
      damaged += 1;
      const v8 = / at position (\d+)/.exec(parseError.message);
      if (v8) {
        positioned += 1;
        expect(found.offset, `${text}\n${parseError.message}`).toBe(Number(v8[1]));
      }
    }
    expect(damaged).toBeGreaterThan(500);
    expect(positioned).toBeGreaterThan(200);
  });
});

// Turns Chevrotain's parse failures into sentences a marketer understands:
// "expected a value after `=`", never token-type names.
import { EOF, type IParserErrorMessageProvider, type IToken, type TokenType } from 'chevrotain';

const TOKEN_WORDS: Record<string, string> = {
  Name: 'a name',
  Identifier: 'a name',
  BacktickName: 'a name',
  NumberLiteral: 'a number',
  StringLiteral: 'a text in double quotes',
  DateLiteral: 'a date like 2026-01-31',
  DateTimeLiteral: 'a date and time',
  LBrace: '`{`',
  RBrace: '`}`',
  LParen: '`(`',
  RParen: '`)`',
  Comma: '`,`',
  Dot: '`.`',
  CompareOperator: 'an operator such as `=` or `>`',
  DurationUnit: 'a time unit (days, weeks, months or years; minutes or hours between the steps of a sequence)',
  Minutes: '`minutes`',
  Hours: '`hours`',
  Days: '`days`',
  Weeks: '`weeks`',
  Months: '`months`',
  Years: '`years`',
};

/** What a rule stands for, when no single token is expected. */
export const RULE_WORDS: Record<string, string> = {
  literal: 'a value (a number, a text in double quotes, true, false or a date)',
  atom: 'a condition',
  notExpr: 'a condition',
  andExpr: 'a condition',
  orExpr: 'a condition',
  condition: 'a condition',
  conditionTail: 'an operator such as `=`, `in`, `between`, `contains` or `is missing`',
  property: 'a property (title, description, owner, tags, include or exclude)',
  textProperty: '`title`, `description` or `owner`',
  exprProperty: '`include` or `exclude`',
  eventCount: '`at least`, `at most` or `exactly`',
  eventWindow: '`within last`, `since`, `between` or `more than … ago`',
  aggregate: '`sum`, `average`, `min`, `max` or `distinct count`',
  aggregateComparison: 'a comparison such as `> 1000` or `between 100 and 500`',
  propertyPath: 'a property name',
  firstLast: '`first did` or `last did`',
  thenStep: '`then did` and an event',
  agoTail: 'a time unit and `ago`, as in `between 30 and 90 days ago`',
  duration: 'a duration such as `7 days`',
  literalList: 'a list of values in parentheses',
  did: 'an event name',
  path: 'an attribute name',
  segmentRef: 'a segment id',
  group: 'a condition in parentheses',
  segmentBlock: 'a segment block',
};

export function tokenWords(type: TokenType): string {
  const name = type.name;
  if (TOKEN_WORDS[name]) return TOKEN_WORDS[name];
  if (type === EOF) return 'the end of the file';
  // Keywords: the word itself.
  const pattern = type.PATTERN;
  if (pattern instanceof RegExp) return `\`${pattern.source.replace(/s\?$/, 's')}\``;
  return `\`${name.toLowerCase()}\``;
}

export function describeFound(tok: IToken): string {
  if (!tok || tok.tokenType === EOF || tok.image === undefined || tok.image === '') return 'the end of the segment';
  const image = tok.image.length > 30 ? `${tok.image.slice(0, 27)}…` : tok.image;
  return `\`${image}\``;
}

function after(previous: IToken | undefined): string {
  if (!previous || previous.image === undefined || Number.isNaN(previous.startOffset)) return '';
  return ` after \`${previous.image}\``;
}

function oneOf(words: string[]): string {
  const unique = [...new Set(words)];
  if (unique.length <= 1) return unique[0] ?? 'something else';
  return `${unique.slice(0, -1).join(', ')} or ${unique[unique.length - 1]}`;
}

export const segmentErrorMessages: IParserErrorMessageProvider = {
  buildMismatchTokenMessage({ expected, actual, previous, ruleName }) {
    if (ruleName === 'literal' || (expected.name === 'StringLiteral' && ruleName === 'textProperty')) {
      const what = ruleName === 'textProperty' ? 'a text in double quotes' : RULE_WORDS.literal;
      return `expected ${what}${after(previous)}, found ${describeFound(actual)}`;
    }
    return `expected ${tokenWords(expected)}${after(previous)}, found ${describeFound(actual)}`;
  },
  buildNotAllInputParsedMessage({ firstRedundant }) {
    return `unexpected ${describeFound(firstRedundant)} after the end of the segment`;
  },
  buildNoViableAltMessage({ expectedPathsPerAlt, actual, previous, ruleName }) {
    const wanted = RULE_WORDS[ruleName];
    if (wanted) return `expected ${wanted}${after(previous)}, found ${describeFound(actual[0])}`;
    const firsts = expectedPathsPerAlt.flatMap((paths) => paths.map((p) => (p[0] ? tokenWords(p[0]) : '')));
    return `expected ${oneOf(firsts.filter(Boolean))}${after(previous)}, found ${describeFound(actual[0])}`;
  },
  buildEarlyExitMessage({ expectedIterationPaths, actual, previous, ruleName }) {
    const wanted = RULE_WORDS[ruleName];
    if (wanted) return `expected ${wanted}${after(previous)}, found ${describeFound(actual[0])}`;
    const firsts = expectedIterationPaths.map((p) => (p[0] ? tokenWords(p[0]) : ''));
    return `expected ${oneOf(firsts.filter(Boolean))}${after(previous)}, found ${describeFound(actual[0])}`;
  },
};

// Tokens of the `.segment` language. Keywords are contextual (docs/language.md#words-and-values): every
// keyword token also belongs to the `Name` category, so wherever the grammar
// expects a name (an attribute, a segment id, an event) a keyword is accepted
// too, and `title`, `last` or `time` can be attribute names.
import { createToken, Lexer, type TokenType } from 'chevrotain';

// Chevrotain compiles every token pattern with the sticky flag, so a pattern is only tried at
// the lexer's position and never moves along the text: no super-linear move here.
/* eslint regexp/no-super-linear-move: off */

export const WhiteSpace = createToken({ name: 'WhiteSpace', pattern: /[ \t\r\n\f\v\u00a0\ufeff]+/, group: Lexer.SKIPPED });
export const Comment = createToken({ name: 'Comment', pattern: /#[^\r\n]*/, group: 'comments' });

/** Any identifier-like token: plain identifiers, backticked names and every keyword. */
export const Name = createToken({ name: 'Name', pattern: Lexer.NA });

export const Identifier = createToken({ name: 'Identifier', pattern: /[A-Za-z_][A-Za-z0-9_]*/, categories: [Name] });
export const BacktickName = createToken({ name: 'BacktickName', pattern: /`[^`\r\n]+`/, categories: [Name] });
/** A backtick that is never closed on its line; lexed so the error can say so plainly. */
export const UnterminatedBacktick = createToken({ name: 'UnterminatedBacktick', pattern: /`[^`\r\n]*/ });

function keyword(word: string, extraCategories: TokenType[] = []): TokenType {
  return createToken({
    name: word.charAt(0).toUpperCase() + word.slice(1),
    pattern: new RegExp(word),
    longer_alt: Identifier,
    categories: [Name, ...extraCategories],
  });
}

// Block level.
export const Segment = keyword('segment');
export const Title = keyword('title');
export const Description = keyword('description');
export const Owner = keyword('owner');
export const Tags = keyword('tags');
export const Include = keyword('include');
export const Exclude = keyword('exclude');

// Logic.
export const Or = keyword('or');
export const And = keyword('and');
export const Not = keyword('not');

// Conditions.
export const In = keyword('in');
export const Between = keyword('between');
export const Is = keyword('is');
export const Missing = keyword('missing');
export const Present = keyword('present');
export const Contains = keyword('contains');
export const Any = keyword('any');
export const All = keyword('all');
export const Starts = keyword('starts');
export const Ends = keyword('ends');
export const With = keyword('with');
export const Before = keyword('before');
export const After = keyword('after');
export const Within = keyword('within');
export const Last = keyword('last');
export const More = keyword('more');
export const Than = keyword('than');
export const Ago = keyword('ago');

// Events.
export const Did = keyword('did');
export const Where = keyword('where');
export const At = keyword('at');
export const Least = keyword('least');
export const Most = keyword('most');
export const Exactly = keyword('exactly');
export const Times = keyword('times');
export const Time = keyword('time');
export const Since = keyword('since');
export const First = keyword('first');

// Aggregates.
export const Sum = keyword('sum');
export const Average = keyword('average');
export const Min = keyword('min');
export const Max = keyword('max');
export const Distinct = keyword('distinct');
export const Count = keyword('count');
export const Of = keyword('of');

// Sequences.
export const Then = keyword('then');
export const Same = keyword('same');

// Literals that look like names.
export const True = keyword('true');
export const False = keyword('false');

/** Duration units, singular and plural: `1 day`, `7 days`. Minutes and hours only measure the time between the steps of a sequence. */
export const DurationUnit = createToken({ name: 'DurationUnit', pattern: Lexer.NA });
export const MinuteUnit = createToken({ name: 'Minutes', pattern: /minutes?/, longer_alt: Identifier, categories: [Name, DurationUnit] });
export const HourUnit = createToken({ name: 'Hours', pattern: /hours?/, longer_alt: Identifier, categories: [Name, DurationUnit] });
export const DayUnit = createToken({ name: 'Days', pattern: /days?/, longer_alt: Identifier, categories: [Name, DurationUnit] });
export const WeekUnit = createToken({ name: 'Weeks', pattern: /weeks?/, longer_alt: Identifier, categories: [Name, DurationUnit] });
export const MonthUnit = createToken({ name: 'Months', pattern: /months?/, longer_alt: Identifier, categories: [Name, DurationUnit] });
export const YearUnit = createToken({ name: 'Years', pattern: /years?/, longer_alt: Identifier, categories: [Name, DurationUnit] });

// Literals. Date-times and dates before numbers: `2026-01-31` must not lex as 2026.
export const DateTimeLiteral = createToken({
  name: 'DateTimeLiteral',
  pattern: /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?/,
});
export const DateLiteral = createToken({ name: 'DateLiteral', pattern: /\d{4}-\d{2}-\d{2}(?![\w])/ });
export const NumberLiteral = createToken({ name: 'NumberLiteral', pattern: /-?(?:\d+(?:\.\d+)?|\.\d+)(?:[eE][+-]?\d+)?/ });
export const StringLiteral = createToken({
  name: 'StringLiteral',
  pattern: /"(?:[^"\\\r\n]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/,
});
/** A string with a bad escape or no closing quote on its line. */
export const BadString = createToken({ name: 'BadString', pattern: /"(?:[^"\\\r\n]|\\.)*"?/ });

// Punctuation and operators.
export const LBrace = createToken({ name: 'LBrace', pattern: /\{/ });
export const RBrace = createToken({ name: 'RBrace', pattern: /\}/ });
export const LParen = createToken({ name: 'LParen', pattern: /\(/ });
export const RParen = createToken({ name: 'RParen', pattern: /\)/ });
export const Comma = createToken({ name: 'Comma', pattern: /,/ });
export const Dot = createToken({ name: 'Dot', pattern: /\./ });
export const CompareOperator = createToken({ name: 'CompareOperator', pattern: Lexer.NA });
export const NotEquals = createToken({ name: 'NotEquals', pattern: /!=|<>/, categories: [CompareOperator] });
export const LessEquals = createToken({ name: 'LessEquals', pattern: /<=/, categories: [CompareOperator] });
export const GreaterEquals = createToken({ name: 'GreaterEquals', pattern: />=/, categories: [CompareOperator] });
export const Less = createToken({ name: 'Less', pattern: /</, categories: [CompareOperator] });
export const Greater = createToken({ name: 'Greater', pattern: />/, categories: [CompareOperator] });
/** `=` and the `==` habit from programming languages, accepted with a hint by the checker. */
export const Equals = createToken({ name: 'Equals', pattern: /==?/, categories: [CompareOperator] });


const keywords = [
  Segment, Title, Description, Owner, Tags, Include, Exclude,
  Or, And, Not, In, Between, Is, Missing, Present, Contains, Any, All, Starts, Ends, With,
  Before, After, Within, Last, More, Than, Ago, Did, Where, At, Least, Most, Exactly, Times, Time, Since, First,
  Sum, Average, Min, Max, Distinct, Count, Of, Then, Same,
  True, False, MinuteUnit, HourUnit, DayUnit, WeekUnit, MonthUnit, YearUnit,
];

export const allTokens: TokenType[] = [
  WhiteSpace,
  Comment,
  DateTimeLiteral,
  DateLiteral,
  NumberLiteral,
  StringLiteral,
  BadString,
  // Longer keywords first where one is a prefix of another (`times` before `time`).
  ...keywords.slice().sort((a, b) => String(b.PATTERN).length - String(a.PATTERN).length),
  Identifier,
  BacktickName,
  UnterminatedBacktick,
  LBrace, RBrace, LParen, RParen, Comma, Dot,
  NotEquals, LessEquals, GreaterEquals, Less, Greater, Equals,
  Name, CompareOperator, DurationUnit,
];

export const segmentLexer = new Lexer(allTokens, { ensureOptimizations: true, positionTracking: 'onlyOffset' });

export const KEYWORD_TOKENS: ReadonlySet<TokenType> = new Set(keywords);

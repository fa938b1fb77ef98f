// The Chevrotain grammar of one `segment NAME { … }` block, building the AST in
// embedded actions. The file-level loop (parser.ts) cuts the token stream into
// blocks first, so a mistake in one block never disturbs another; inside a
// block Chevrotain's recovery (token insertion/deletion, re-sync between
// properties) keeps several errors visible at once.
//
// Speed (docs/performance.md): the alternatives passed to OR are built once per
// parser and cached (`this.OR(this.xAlts ??= […])`), as Chevrotain's performance
// guide recommends; so ALT closures never capture a rule invocation's locals —
// they return what they read, or read per-invocation state from a field.
import { EmbeddedActionsParser, EOF, tokenMatcher, type IOrAlt, type IToken, type TokenType } from 'chevrotain';
import type {
  AgoRange,
  AggregateComparison,
  AggregateFunction,
  SequenceStart,
  SequenceStep,
  CompareOp,
  CountOp,
  Duration,
  DurationUnit,
  EventCount,
  EventWindow,
  Expr,
  Literal,
  Name,
  Path,
  Property,
  SegmentDecl,
} from './ast';
import type { Span } from '../base/span';
import { parseIsoInstant, parseIsoDay, dayOfInstant, formatDay } from '../base/days';
import { describeFound, RULE_WORDS as ERROR_WORDS, segmentErrorMessages } from './error-messages';
import * as T from './tokens';

interface AgoTail {
  unit: IToken;
  ago: IToken;
}

export interface LiteralProblem {
  span: Span;
  code: string;
  message: string;
  /** Replacement for the span, offered as a quick fix. */
  fix?: { title: string; newText: string };
}

const UNIT_BY_TOKEN = new Map<TokenType, DurationUnit>([
  [T.MinuteUnit, 'minute'],
  [T.HourUnit, 'hour'],
  [T.DayUnit, 'day'],
  [T.WeekUnit, 'week'],
  [T.MonthUnit, 'month'],
  [T.YearUnit, 'year'],
]);

const COMPARE_OP_BY_TOKEN = new Map<TokenType, CompareOp>([
  [T.Equals, '='],
  [T.NotEquals, '!='],
  [T.Less, '<'],
  [T.LessEquals, '<='],
  [T.Greater, '>'],
  [T.GreaterEquals, '>='],
]);

/** Stands for "no value here" in the literal rule's fallback alternative. */
const MISSING_VALUE = { image: '', startOffset: NaN, tokenType: T.Identifier } as unknown as IToken;

const VALUE_STOP_WORDS: ReadonlySet<TokenType> = new Set([
  T.Title, T.Description, T.Owner, T.Tags, T.Include, T.Exclude, T.And, T.Or, T.Segment,
]);

const PROPERTY_KEYWORDS: ReadonlySet<TokenType> = new Set([T.Title, T.Description, T.Owner, T.Tags, T.Include, T.Exclude]);
const PROPERTY_AFTER: ReadonlySet<TokenType> = new Set([T.And, T.Or, T.Not]);
/** Tokens that may follow a property keyword but never an attribute name in a condition. */
const PROPERTY_CONTENT_START: ReadonlySet<TokenType> = new Set([T.Identifier, T.BacktickName, T.StringLiteral, T.Segment, T.Did, T.LParen]);
/** What may follow an event or a property name in a behaviour condition (`did x where`, `sum of x.y >`, …). */
const AFTER_BEHAVIOUR_NAME: ReadonlySet<TokenType> = new Set([
  T.Where, T.At, T.Exactly, T.Within, T.Since, T.Between, T.More, T.Dot, T.Then, T.With,
  T.Equals, T.NotEquals, T.Less, T.LessEquals, T.Greater, T.GreaterEquals,
  T.And, T.Or, T.RParen, T.RBrace, EOF,
  // The next property of the block: `with same title` then `owner "…"`.
  T.Title, T.Description, T.Owner, T.Tags, T.Include, T.Exclude,
]);

function tokenEnd(tok: IToken): number {
  return tok.startOffset + tok.image.length;
}

/** A token Chevrotain inserted during recovery has no position; it sits where the previous token ended. */
function isVirtual(tok: IToken | undefined): boolean {
  return !tok || typeof tok.image !== 'string' || Number.isNaN(tok.startOffset) || tok.isInsertedInRecovery === true;
}

export class SegmentGrammar extends EmbeddedActionsParser {
  /** Problems with literal values (bad dates, unquoted text) found while building the AST. */
  literalProblems: LiteralProblem[] = [];
  /** Offset where the current block's input ends, for spans of inserted tokens at the end. */
  private lastRealEnd = 0;
  private lastToken: IToken | undefined;

  constructor() {
    super(T.allTokens, {
      recoveryEnabled: true,
      maxLookahead: 3,
      errorMessageProvider: segmentErrorMessages,
      skipValidations: process.env.SEGMENTS_GRAMMAR_VALIDATE !== '1',
    });
    this.performSelfAnalysis();
  }

  // ---- spans --------------------------------------------------------------

  private spanOf(tok: IToken): Span {
    if (isVirtual(tok)) return { start: this.lastRealEnd, end: this.lastRealEnd };
    return { start: tok.startOffset, end: tokenEnd(tok) };
  }

  private join(a: Span, b: Span): Span {
    return { start: Math.min(a.start, b.start), end: Math.max(a.end, b.end) };
  }

  private here(): Span {
    const next = this.LA(1);
    if (!isVirtual(next) && next.tokenType.name !== 'EOF') return { start: next.startOffset, end: next.startOffset };
    return { start: this.lastRealEnd, end: this.lastRealEnd };
  }

  private note(tok: IToken): IToken {
    if (!isVirtual(tok)) {
      this.lastRealEnd = tokenEnd(tok);
      this.lastToken = tok;
    }
    return tok;
  }

  /**
   * Records "expected X after `prev`" without throwing, so the rest of the
   * block keeps its AST while the user is still typing (`age >`, `and` then `}`).
   */
  private missing(what: string): Span {
    const prev = this.lastToken;
    const span = prev ? { start: prev.startOffset, end: tokenEnd(prev) } : this.here();
    const found = describeFound(this.LA(1));
    this.literalProblems.push({
      span,
      code: 'syntax-error',
      message: `expected ${what}${prev ? ` after \`${prev.image}\`` : ''}, found ${found}`,
    });
    return { start: span.end, end: span.end };
  }

  /**
   * True after a dangling `and`, `or` or `not` when the next words start a
   * property, as when the user has typed `and ` on a new line above
   * `exclude segment x`: `exclude` followed by a name, a text, `segment`,
   * `did` or `(` cannot be an attribute test, so it is the exclude, and the
   * missing condition is one error instead of a cascade through the rest of
   * the block.
   */
  private nextPropertyStarts(): boolean {
    const prev = this.lastToken;
    if (!prev || !PROPERTY_AFTER.has(prev.tokenType)) return false;
    if (!PROPERTY_KEYWORDS.has(this.LA(1).tokenType)) return false;
    return PROPERTY_CONTENT_START.has(this.LA(2).tokenType);
  }

  private errorExpr(): Expr {
    return { kind: 'error', span: this.here() };
  }

  resetBlock(endOffset: number): void {
    this.lastRealEnd = endOffset;
    this.lastToken = undefined;
  }

  // ---- block --------------------------------------------------------------

  public segmentBlock = this.RULE('segmentBlock', (): SegmentDecl => {
    const kw = this.note(this.CONSUME(T.Segment));
    let id: Name | undefined;
    this.OPTION(() => {
      const tok = this.note(this.CONSUME(T.Name));
      id = this.ACTION(() => this.nameOf(tok));
    });
    this.note(this.CONSUME(T.LBrace));
    const properties: Property[] = [];
    this.MANY(() => {
      const p = this.SUBRULE(this.property);
      this.ACTION(() => {
        if (p) properties.push(p);
      });
    });
    const close = this.note(this.CONSUME(T.RBrace));
    return this.ACTION(() => ({
      kind: 'segment' as const,
      id,
      properties,
      span: this.join(this.spanOf(kw), this.spanOf(close)),
      hasSyntaxError: false,
      closed: true,
    }));
  });

  private propertyAlts?: IOrAlt<Property>[];
  private property = this.RULE('property', (): Property => {
    return this.OR(
      (this.propertyAlts ??= [
        { ALT: () => this.SUBRULE(this.textProperty) },
        { ALT: () => this.SUBRULE(this.tagsProperty) },
        { ALT: () => this.SUBRULE(this.exprProperty) },
      ]),
    );
  });

  private textKeywordAlts?: IOrAlt<IToken>[];
  private textProperty = this.RULE('textProperty', (): Property => {
    const kw = this.note(
      this.OR(
        (this.textKeywordAlts ??= [
          { ALT: () => this.CONSUME(T.Title) },
          { ALT: () => this.CONSUME(T.Description) },
          { ALT: () => this.CONSUME(T.Owner) },
        ]),
      ),
    );
    const valueTok = this.note(this.CONSUME(T.StringLiteral));
    return this.ACTION(() => {
      const kind = kw.image as 'title' | 'description' | 'owner';
      const value = isVirtual(valueTok) ? undefined : this.literalOf(valueTok);
      const keywordSpan = this.spanOf(kw);
      return { kind, keywordSpan, value, span: value ? this.join(keywordSpan, value.span) : keywordSpan };
    });
  });

  private tagsProperty = this.RULE('tagsProperty', (): Property => {
    const kw = this.note(this.CONSUME(T.Tags));
    const tags: Name[] = [];
    const first = this.note(this.CONSUME(T.Name));
    this.ACTION(() => {
      if (!isVirtual(first)) tags.push(this.nameOf(first));
    });
    this.MANY(() => {
      this.note(this.CONSUME(T.Comma));
      const tok = this.note(this.CONSUME2(T.Name));
      this.ACTION(() => {
        if (!isVirtual(tok)) tags.push(this.nameOf(tok));
      });
    });
    return this.ACTION(() => {
      const keywordSpan = this.spanOf(kw);
      const last = tags.length > 0 ? tags[tags.length - 1].span : keywordSpan;
      return { kind: 'tags' as const, keywordSpan, tags, span: this.join(keywordSpan, last) };
    });
  });

  private exprKeywordAlts?: IOrAlt<IToken>[];
  private exprProperty = this.RULE('exprProperty', (): Property => {
    const kw = this.note(
      this.OR((this.exprKeywordAlts ??= [{ ALT: () => this.CONSUME(T.Include) }, { ALT: () => this.CONSUME(T.Exclude) }])),
    );
    const expr = this.SUBRULE(this.orExpr);
    return this.ACTION(() => {
      const keywordSpan = this.spanOf(kw);
      const e = expr ?? { kind: 'error' as const, span: { start: keywordSpan.end, end: keywordSpan.end } };
      return {
        kind: kw.image as 'include' | 'exclude',
        keywordSpan,
        expr: e,
        span: this.join(keywordSpan, e.span),
      };
    });
  });

  // ---- expressions -----------------------------------------------------------

  public orExpr = this.RULE(
    'orExpr',
    (): Expr => {
      const operands: Expr[] = [this.SUBRULE(this.andExpr)];
      this.MANY(() => {
        this.note(this.CONSUME(T.Or));
        operands.push(this.SUBRULE2(this.andExpr));
      });
      return this.ACTION(() => this.combine('or', operands));
    },
    { recoveryValueFunc: () => this.errorExpr() },
  );

  private andExpr = this.RULE(
    'andExpr',
    (): Expr => {
      const operands: Expr[] = [this.SUBRULE(this.notExpr)];
      this.MANY(() => {
        this.note(this.CONSUME(T.And));
        operands.push(this.SUBRULE2(this.notExpr));
      });
      return this.ACTION(() => this.combine('and', operands));
    },
    { recoveryValueFunc: () => this.errorExpr() },
  );

  private notExprAlts?: IOrAlt<Expr>[];
  private notExpr = this.RULE(
    'notExpr',
    (): Expr => {
      return this.OR((this.notExprAlts ??= [
        {
          ALT: () => {
            const kw = this.note(this.CONSUME(T.Not));
            const operand = this.SUBRULE(this.notExpr);
            return this.ACTION(() => {
              const o = operand ?? this.errorExpr();
              return { kind: 'not' as const, operand: o, span: this.join(this.spanOf(kw), o.span) };
            });
          },
        },
        { ALT: () => this.SUBRULE(this.atom) },
      ]));
    },
    { recoveryValueFunc: () => this.errorExpr() },
  );

  private atomAlts?: IOrAlt<Expr>[];
  private atom = this.RULE(
    'atom',
    (): Expr => {
      return this.OR((this.atomAlts ??= [
        { ALT: () => this.SUBRULE(this.group) },
        { ALT: () => this.SUBRULE(this.segmentRef) },
        { ALT: () => this.SUBRULE(this.did) },
        { ALT: () => this.SUBRULE(this.firstLast) },
        { ALT: () => this.SUBRULE(this.aggregate) },
        // A name that is a keyword elsewhere can still be an attribute (`title = "x"`);
        // only `not`, `segment` and `did` at the start of a condition are taken as keywords,
        // and a property keyword that starts the next property after a dangling `and`/`or`/`not`.
        { GATE: () => !this.nextPropertyStarts(), ALT: () => this.SUBRULE(this.condition), IGNORE_AMBIGUITIES: true },
        {
          // Nothing that can start a condition: report and go on (`include` then `}`).
          ALT: () => this.ACTION(() => ({ kind: 'error' as const, span: this.missing('a condition') })),
          IGNORE_AMBIGUITIES: true,
        },
      ]));
    },
    { recoveryValueFunc: () => this.errorExpr() },
  );

  private group = this.RULE('group', (): Expr => {
    const open = this.note(this.CONSUME(T.LParen));
    const inner = this.SUBRULE(this.orExpr);
    const close = this.note(this.CONSUME(T.RParen));
    return this.ACTION(() => {
      const i = inner ?? this.errorExpr();
      const end = isVirtual(close) ? i.span.end : tokenEnd(close);
      return { kind: 'group' as const, inner: i, span: { start: open.startOffset, end } };
    });
  });

  private segmentRef = this.RULE('segmentRef', (): Expr => {
    const kw = this.note(this.CONSUME(T.Segment));
    // Optional here so `include segment` (id not typed yet) is reported as such,
    // not read as a boolean attribute named `segment`.
    const idTok: IToken | undefined = this.OPTION((this.segmentIdOption ??= () => this.note(this.CONSUME(T.Name))));
    return this.ACTION(() => {
      const kwSpan = this.spanOf(kw);
      if (!idTok || isVirtual(idTok)) this.missing('a segment id');
      const id = !idTok || isVirtual(idTok) ? { text: '', span: { start: kwSpan.end, end: kwSpan.end }, quoted: false } : this.nameOf(idTok);
      return { kind: 'segmentRef' as const, id, span: this.join(kwSpan, id.span) };
    });
  });

  private segmentIdOption?: () => IToken;
  private didNotOption?: { GATE: () => boolean; DEF: () => boolean };
  private eventNameAlts?: IOrAlt<IToken>[];
  private whereOption?: () => Expr;
  private countOption?: () => EventCount;
  private windowOption?: () => EventWindow;
  private did = this.RULE('did', (): Expr => {
    const kw = this.note(this.CONSUME(T.Did));
    // `did not buy` negates; `did not` alone would name an event `not` (needs backticks).
    const negated =
      this.OPTION(
        (this.didNotOption ??= {
          GATE: () =>
            (tokenMatcher(this.LA(2), T.Name) || this.LA(2).tokenType === T.StringLiteral) &&
            !(this.LA(2).tokenType === T.Where && this.LA(3).tokenType === T.LParen),
          DEF: () => {
            this.note(this.CONSUME(T.Not));
            return true;
          },
        }),
      ) === true;
    const { event, eventIsString } = this.SUBRULE(this.eventName);
    const where: Expr | undefined = this.OPTION2((this.whereOption ??= () => this.SUBRULE(this.whereClause)));
    const count: EventCount | undefined = this.OPTION3((this.countOption ??= () => this.SUBRULE(this.eventCount)));
    const window: EventWindow | undefined = this.OPTION4((this.windowOption ??= () => this.SUBRULE(this.eventWindow)));
    const steps: SequenceStep[] = [];
    this.MANY(() => {
      const step = this.SUBRULE(this.thenStep);
      this.ACTION(() => steps.push(step));
    });
    return this.ACTION((): Expr => {
      const kwSpan = this.spanOf(kw);
      const end = Math.max(event.span.end, where?.span.end ?? 0, count?.span.end ?? 0, window?.span.end ?? 0, this.lastRealEnd);
      if (steps.length > 0) return this.sequence(kwSpan, negated, { event, eventIsString, where, window }, count, steps);
      return {
        kind: 'did' as const,
        negated,
        event,
        eventIsString,
        where,
        count,
        window,
        span: { start: kwSpan.start, end },
      };
    });
  });

  private thenNotOption?: { GATE: () => boolean; DEF: () => boolean };
  private thenWhereOption?: () => Expr;
  private thenGapOption?: () => Duration;
  private thenSameOption?: () => Path;
  private withinLastOption?: () => IToken;
  /** `then did [not] EVENT [where (…)] within DURATION [with same PROPERTY]` */
  private thenStep = this.RULE('thenStep', (): SequenceStep => {
    const then = this.note(this.CONSUME(T.Then));
    this.note(this.CONSUME(T.Did));
    const negated =
      this.OPTION(
        (this.thenNotOption ??= {
          GATE: () => tokenMatcher(this.LA(2), T.Name) || this.LA(2).tokenType === T.StringLiteral,
          DEF: () => {
            this.note(this.CONSUME(T.Not));
            return true;
          },
        }),
      ) === true;
    const { event, eventIsString } = this.SUBRULE(this.eventName);
    const where: Expr | undefined = this.OPTION2((this.thenWhereOption ??= () => this.SUBRULE(this.whereClause)));
    const gap: Duration | undefined = this.OPTION3(
      (this.thenGapOption ??= () => {
        this.note(this.CONSUME(T.Within));
        // `within last` is a calendar window, which only the first step takes.
        const last = this.OPTION4((this.withinLastOption ??= () => this.note(this.CONSUME(T.Last))));
        const duration = this.SUBRULE(this.duration);
        this.ACTION(() => {
          if (last) {
            this.literalProblems.push({
              span: this.spanOf(last),
              code: 'syntax-error',
              message: 'only the first step of a sequence takes a window; a later step takes `within` and the most time after the step before, such as `within 1 day`',
              fix: { title: 'Remove `last`', newText: '' },
            });
          }
        });
        return duration;
      }),
    );
    const same: Path | undefined = this.OPTION5(
      (this.thenSameOption ??= () => {
        this.note(this.CONSUME(T.With));
        this.note(this.CONSUME(T.Same));
        return this.SUBRULE(this.propertyPath);
      }),
    );
    return this.ACTION(() => {
      if (!gap && event.text !== '') this.missing('`within` and the most time after the step before, such as `within 1 day`');
      const thenSpan = this.spanOf(then);
      const end = Math.max(event.span.end, where?.span.end ?? 0, gap?.span.end ?? 0, same?.span.end ?? 0, this.lastRealEnd);
      return { thenSpan, negated, event, eventIsString, where, gap, same, span: { start: thenSpan.start, end } };
    });
  });

  /** A `did` followed by `then` steps; a count on the first step, or `not` on any but the last, is reported. */
  private sequence(didSpan: Span, negated: boolean, start: Omit<SequenceStart, 'didSpan' | 'span'>, count: EventCount | undefined, steps: SequenceStep[]): Expr {
    if (count) {
      this.literalProblems.push({
        span: count.span,
        code: 'syntax-error',
        message: 'a step of a sequence takes no count: the sequence holds when its events happened in order at least once',
      });
    }
    steps.forEach((step, i) => {
      if (step.negated && i < steps.length - 1) {
        this.literalProblems.push({
          span: step.thenSpan,
          code: 'syntax-error',
          message: 'only the last step of a sequence can be `then did not`: the steps after it would have no event to follow',
        });
      }
    });
    const firstEnd = Math.max(start.event.span.end, start.where?.span.end ?? 0, start.window?.span.end ?? 0, count?.span.end ?? 0);
    const first: SequenceStart = { didSpan, ...start, span: { start: didSpan.start, end: firstEnd } };
    const last = steps[steps.length - 1];
    return { kind: 'sequence', negated, first, steps, span: { start: didSpan.start, end: last.span.end } };
  }

  /** The event a behaviour condition names: an identifier or a string; reported when missing. */
  private eventName = this.RULE('eventName', (): { event: Name; eventIsString: boolean } => {
    const eventTok = this.note(
      this.OR(
        (this.eventNameAlts ??= [
          { ALT: () => this.CONSUME(T.StringLiteral) },
          // Not a word that starts the next property or joins conditions: `did` then `exclude …`.
          { ALT: () => (this.stopWordStartsSomethingElse() ? MISSING_VALUE : this.CONSUME(T.Name)), IGNORE_AMBIGUITIES: true },
          // `did` with no event yet: reported, and the rest of the block still parses.
          { ALT: () => MISSING_VALUE, IGNORE_AMBIGUITIES: true },
        ]),
      ),
    );
    return this.ACTION(() => {
      const eventIsString = eventTok.tokenType === T.StringLiteral;
      if (eventTok === MISSING_VALUE) this.missing('an event name');
      if (isVirtual(eventTok)) return { event: { text: '', span: { start: this.lastRealEnd, end: this.lastRealEnd }, quoted: false }, eventIsString };
      if (eventIsString) {
        const lit = this.literalOf(eventTok);
        return { event: { text: String(lit.value), span: lit.span, quoted: false }, eventIsString };
      }
      return { event: this.nameOf(eventTok), eventIsString };
    });
  });

  /** `where (EXPR)` after an event: a filter on the event's own properties. */
  private whereClause = this.RULE('whereClause', (): Expr => {
    this.note(this.CONSUME(T.Where));
    this.note(this.CONSUME(T.LParen));
    const filter = this.SUBRULE(this.orExpr);
    this.note(this.CONSUME(T.RParen));
    return filter;
  });

  private firstLastAlts?: IOrAlt<IToken>[];
  private firstLastWhereOption?: () => Expr;
  private firstLastWindowOption?: () => EventWindow;
  /** `first did EVENT [where (…)] WINDOW`, `last did …` */
  private firstLast = this.RULE('firstLast', (): Expr => {
    const kw = this.note(this.OR((this.firstLastAlts ??= [{ ALT: () => this.CONSUME(T.First) }, { ALT: () => this.CONSUME(T.Last) }])));
    this.note(this.CONSUME(T.Did));
    const { event, eventIsString } = this.SUBRULE(this.eventName);
    const where: Expr | undefined = this.OPTION((this.firstLastWhereOption ??= () => this.SUBRULE(this.whereClause)));
    const window: EventWindow | undefined = this.OPTION2((this.firstLastWindowOption ??= () => this.SUBRULE(this.eventWindow)));
    return this.ACTION(() => {
      const which = kw.tokenType === T.First ? ('first' as const) : ('last' as const);
      if (!window) this.missing(`a window for the ${which} event, such as \`within last 30 days\``);
      const whichSpan = this.spanOf(kw);
      const end = Math.max(event.span.end, where?.span.end ?? 0, window?.span.end ?? 0, this.lastRealEnd);
      return { kind: 'firstLast' as const, which, whichSpan, event, eventIsString, where, window, span: { start: whichSpan.start, end } };
    });
  });

  private aggregateFnAlts?: IOrAlt<{ fn: AggregateFunction; first: IToken; last: IToken }>[];
  private aggregateWhereOption?: () => Expr;
  private aggregateWindowOption?: () => EventWindow;
  private aggregateComparisonOption?: () => AggregateComparison;
  private aggregatePropertyOption?: () => Path;
  /** `sum of EVENT.PROPERTY [where (…)] [WINDOW] COMPARISON` (and average, min, max, distinct count). */
  private aggregate = this.RULE('aggregate', (): Expr => {
    const head = this.OR(
      (this.aggregateFnAlts ??= [
        { ALT: () => this.fnToken(this.CONSUME(T.Sum), 'sum') },
        { ALT: () => this.fnToken(this.CONSUME(T.Average), 'average') },
        { ALT: () => this.fnToken(this.CONSUME(T.Min), 'min') },
        { ALT: () => this.fnToken(this.CONSUME(T.Max), 'max') },
        {
          ALT: () => {
            const first = this.note(this.CONSUME(T.Distinct));
            const last = this.note(this.CONSUME(T.Count));
            return { fn: 'distinctCount' as const, first, last };
          },
        },
      ]),
    );
    this.note(this.CONSUME(T.Of));
    const { event, eventIsString } = this.SUBRULE(this.eventName);
    // `sum of purchase` then `.` and the property; half typed, the rest of the block still parses.
    const property: Path | undefined = this.OPTION(
      (this.aggregatePropertyOption ??= () => {
        this.note(this.CONSUME(T.Dot));
        return this.SUBRULE(this.propertyPath);
      }),
    );
    const where: Expr | undefined = this.OPTION2((this.aggregateWhereOption ??= () => this.SUBRULE(this.whereClause)));
    let window: EventWindow | undefined = this.OPTION3((this.aggregateWindowOption ??= () => this.SUBRULE(this.eventWindow)));
    let comparison: AggregateComparison | undefined = this.OPTION4(
      (this.aggregateComparisonOption ??= () => this.SUBRULE(this.aggregateComparison)),
    );
    return this.ACTION(() => {
      // `between A and B` with nothing after it is the comparison, not a window.
      if (!comparison && window?.kind === 'between') {
        comparison = { kind: 'between', low: window.from, high: window.to, span: window.span };
        window = undefined;
      }
      const fnSpan = this.join(this.spanOf(head.first), this.spanOf(head.last));
      const eventEnd = { start: event.span.end, end: event.span.end };
      const path = property ?? { parts: [], text: '', span: eventEnd };
      if (property && property.text === '') {
        // `sum of purchase.` then nothing: already reported by the property's rule.
      } else if (!property && event.text !== '') this.missing(`\`.\` and a property of the event (as in \`${head.first.image === 'distinct' ? 'distinct count' : head.first.image} of ${event.text}.amount\`)`);
      else if (!comparison && event.text !== '') this.missing('a comparison such as `> 1000` or `between 100 and 500`');
      const end = Math.max(fnSpan.end, event.span.end, path.span.end, where?.span.end ?? 0, window?.span.end ?? 0, comparison?.span.end ?? 0, this.lastRealEnd);
      return {
        kind: 'aggregate' as const,
        fn: head.fn,
        fnSpan,
        event,
        eventIsString,
        property: path,
        where,
        window,
        comparison,
        span: { start: fnSpan.start, end },
      };
    });
  });

  /**
   * A word like `exclude` or `and` where an event or property name belongs is
   * taken as the start of what comes next (the name is still being typed: `sum
   * of purchase.` then `exclude vip`) unless what follows it can only follow a
   * name there (`purchase.title > 3`, `did exclude where (…)`).
   */
  private stopWordStartsSomethingElse(): boolean {
    return VALUE_STOP_WORDS.has(this.LA(1).tokenType) && !AFTER_BEHAVIOUR_NAME.has(this.LA(2).tokenType);
  }

  private fnToken(tok: IToken, fn: AggregateFunction): { fn: AggregateFunction; first: IToken; last: IToken } {
    this.note(tok);
    return { fn, first: tok, last: tok };
  }

  /** The property after `EVENT.`: a name, or a dotted path for a nested field. */
  private propertyPathAlts?: IOrAlt<IToken>[];
  private propertyPath = this.RULE('propertyPath', (): Path => {
    const parts: Name[] = [];
    const first = this.note(
      this.OR(
        (this.propertyPathAlts ??= [
          { ALT: () => (this.stopWordStartsSomethingElse() ? MISSING_VALUE : this.CONSUME(T.Name)), IGNORE_AMBIGUITIES: true },
          { ALT: () => MISSING_VALUE, IGNORE_AMBIGUITIES: true },
        ]),
      ),
    );
    this.ACTION(() => {
      if (first === MISSING_VALUE) this.missing('a property name');
      else if (!isVirtual(first)) parts.push(this.nameOf(first));
    });
    this.MANY(() => {
      this.note(this.CONSUME(T.Dot));
      const tok = this.note(this.CONSUME2(T.Name));
      this.ACTION(() => {
        if (!isVirtual(tok)) parts.push(this.nameOf(tok));
      });
    });
    return this.ACTION(() => {
      if (parts.length === 0) return { parts, text: '', span: this.here() };
      return { parts, text: parts.map((p) => p.text).join('.'), span: this.join(parts[0].span, parts[parts.length - 1].span) };
    });
  });

  private aggregateComparisonAlts?: IOrAlt<AggregateComparison>[];
  private aggregateComparison = this.RULE('aggregateComparison', (): AggregateComparison => {
    return this.OR(
      (this.aggregateComparisonAlts ??= [
        {
          ALT: () => {
            const opTok = this.note(this.CONSUME(T.CompareOperator));
            const value = this.SUBRULE(this.literal);
            return this.ACTION(() => {
              const opSpan = this.spanOf(opTok);
              return { kind: 'compare' as const, op: COMPARE_OP_BY_TOKEN.get(opTok.tokenType) ?? '=', opSpan, value, span: this.join(opSpan, value.span) };
            });
          },
        },
        {
          ALT: () => {
            const kw = this.note(this.CONSUME(T.Between));
            const low = this.SUBRULE2(this.literal);
            this.note(this.CONSUME(T.And));
            const high = this.SUBRULE3(this.literal);
            return this.ACTION(() => ({ kind: 'between' as const, low, high, span: this.join(this.spanOf(kw), high.span) }));
          },
        },
      ]),
    );
  });

  private countOpAlts?: IOrAlt<CountOp>[];
  private atLeastOrMostAlts?: IOrAlt<CountOp>[];
  private timesAlts?: IOrAlt<IToken>[];
  private eventCount = this.RULE('eventCount', (): EventCount => {
    // The token that starts the count (`at` or `exactly`); the OR picks its
    // alternative by it, so it is the one the alternative consumes.
    const first = this.LA(1);
    const op = this.OR(
      (this.countOpAlts ??= [
        {
          ALT: () => {
            this.note(this.CONSUME(T.At));
            return this.OR2(
              (this.atLeastOrMostAlts ??= [
                {
                  ALT: () => {
                    this.note(this.CONSUME(T.Least));
                    return 'atLeast' as const;
                  },
                },
                {
                  ALT: () => {
                    this.note(this.CONSUME(T.Most));
                    return 'atMost' as const;
                  },
                },
              ]),
            );
          },
        },
        {
          ALT: () => {
            this.CONSUME(T.Exactly);
            return 'exactly' as const;
          },
        },
      ]),
    );
    this.note(first);
    const nTok = this.note(this.CONSUME(T.NumberLiteral));
    const unit = this.note(this.OR3((this.timesAlts ??= [{ ALT: () => this.CONSUME(T.Times) }, { ALT: () => this.CONSUME(T.Time) }])));
    return this.ACTION(() => {
      const n = isVirtual(nTok) ? 1 : Number(nTok.image);
      if (!isVirtual(nTok) && (!Number.isInteger(n) || n < 0)) {
        this.literalProblems.push({
          span: this.spanOf(nTok),
          code: 'invalid-count',
          message: `a count must be a whole number of 0 or more, not \`${nTok.image}\``,
        });
      }
      const span = this.join(this.spanOf(first), isVirtual(unit) ? this.spanOf(nTok) : this.spanOf(unit));
      return { op, n, span };
    });
  });

  private eventWindowAlts?: IOrAlt<EventWindow>[];
  private eventWindow = this.RULE('eventWindow', (): EventWindow => {
    return this.OR((this.eventWindowAlts ??= [
      {
        ALT: () => {
          const kw = this.note(this.CONSUME(T.Within));
          this.note(this.CONSUME(T.Last));
          const duration = this.SUBRULE(this.duration);
          return this.ACTION(() => ({ kind: 'withinLast' as const, duration, span: this.join(this.spanOf(kw), duration.span) }));
        },
      },
      {
        ALT: () => {
          const kw = this.note(this.CONSUME(T.Since));
          const date = this.SUBRULE(this.literal);
          return this.ACTION(() => ({ kind: 'since' as const, date, span: this.join(this.spanOf(kw), date.span) }));
        },
      },
      {
        ALT: () => {
          const kw = this.note(this.CONSUME(T.Between));
          const from = this.SUBRULE2(this.literal);
          this.note(this.CONSUME(T.And));
          const to = this.SUBRULE3(this.literal);
          const ago = this.OPTION((this.windowAgoOption ??= () => this.SUBRULE(this.agoTail)));
          return this.ACTION(() => {
            if (ago) {
              const range = this.agoRange(from, to, ago);
              return { kind: 'agoBetween' as const, range, span: this.join(this.spanOf(kw), range.span) };
            }
            return { kind: 'between' as const, from, to, span: this.join(this.spanOf(kw), to.span) };
          });
        },
      },
      {
        ALT: () => {
          const kw = this.note(this.CONSUME(T.More));
          this.note(this.CONSUME(T.Than));
          const duration = this.SUBRULE2(this.duration);
          const ago = this.note(this.CONSUME(T.Ago));
          return this.ACTION(() => ({ kind: 'moreThanAgo' as const, duration, span: this.join(this.spanOf(kw), this.spanOf(ago)) }));
        },
      },
    ]));
  });

  private agoTailOption?: () => AgoTail;
  private windowAgoOption?: () => AgoTail;
  /** `days ago` after `between N and M`. */
  private agoTail = this.RULE('agoTail', (): AgoTail => {
    const unit = this.note(this.CONSUME(T.DurationUnit));
    const ago = this.note(this.CONSUME(T.Ago));
    return { unit, ago };
  });

  private duration = this.RULE('duration', (): Duration => {
    const nTok = this.note(this.CONSUME(T.NumberLiteral));
    const unitTok = this.note(this.CONSUME(T.DurationUnit));
    return this.ACTION(() => {
      const amount = isVirtual(nTok) ? 1 : Number(nTok.image);
      if (!isVirtual(nTok) && (!Number.isInteger(amount) || amount < 0)) {
        this.literalProblems.push({
          span: this.spanOf(nTok),
          code: 'invalid-duration',
          message: `a duration must be a whole number of 0 or more, not \`${nTok.image}\``,
        });
      }
      const unit = UNIT_BY_TOKEN.get(unitTok.tokenType) ?? 'day';
      const start = isVirtual(nTok) ? this.spanOf(unitTok) : this.spanOf(nTok);
      return { amount, unit, span: this.join(start, this.spanOf(unitTok)) };
    });
  });

  /** An attribute test: `path` alone (boolean) or `path` followed by an operator. */
  private condition = this.RULE('condition', (): Expr => {
    const attribute = this.SUBRULE(this.path);
    let result: Expr | undefined;
    this.OPTION(() => {
      result = this.SUBRULE(this.conditionTail, { ARGS: [attribute] });
    });
    return this.ACTION(() => result ?? { kind: 'boolean' as const, attribute, span: attribute.span });
  });

  /** The attribute of the condition whose tail is being read; each alternative takes it first thing. */
  private tailAttribute: Path = { parts: [], text: '', span: { start: 0, end: 0 } };
  private conditionTailAlts?: IOrAlt<Expr>[];
  private containsAlts?: IOrAlt<Expr>[];
  private anyAllAlts?: IOrAlt<IToken>[];
  private missingPresentAlts?: IOrAlt<IToken>[];
  private startsEndsAlts?: IOrAlt<IToken>[];
  private beforeAfterAlts?: IOrAlt<IToken>[];
  private notInOption?: () => boolean;
  private conditionTail = this.RULE('conditionTail', (attribute: Path): Expr => {
    this.tailAttribute = attribute;
    return this.OR((this.conditionTailAlts ??= [
      {
        ALT: () => {
          const attribute = this.tailAttribute;
          const opTok = this.note(this.CONSUME(T.CompareOperator));
          const value = this.SUBRULE(this.literal);
          return this.ACTION(() => {
            if (opTok.image === '==' || opTok.image === '<>') {
              const fixText = opTok.image === '==' ? '=' : '!=';
              this.literalProblems.push({
                span: this.spanOf(opTok),
                code: 'operator-spelling',
                message: `write \`${fixText}\` instead of \`${opTok.image}\``,
                fix: { title: `Change to \`${fixText}\``, newText: fixText },
              });
            }
            return {
              kind: 'compare' as const,
              attribute,
              op: COMPARE_OP_BY_TOKEN.get(opTok.tokenType) ?? '=',
              opSpan: this.spanOf(opTok),
              value,
              span: this.join(attribute.span, value.span),
            };
          });
        },
      },
      {
        ALT: () => {
          const attribute = this.tailAttribute;
          const negated =
            this.OPTION(
              (this.notInOption ??= () => {
                this.note(this.CONSUME(T.Not));
                return true;
              }),
            ) === true;
          this.note(this.CONSUME(T.In));
          const { values, span } = this.SUBRULE(this.literalList);
          return this.ACTION(() => ({ kind: 'in' as const, attribute, negated, values, span: this.join(attribute.span, span) }));
        },
      },
      {
        ALT: () => {
          const attribute = this.tailAttribute;
          this.note(this.CONSUME2(T.Between));
          const low = this.SUBRULE2(this.literal);
          this.note(this.CONSUME(T.And));
          const high = this.SUBRULE3(this.literal);
          // `between 30 and 90 days ago`: a window counted back from asOf.
          const ago = this.OPTION2((this.agoTailOption ??= () => this.SUBRULE(this.agoTail)));
          return this.ACTION(() => {
            if (ago) {
              const range = this.agoRange(low, high, ago);
              return { kind: 'agoBetween' as const, attribute, range, span: this.join(attribute.span, range.span) };
            }
            return { kind: 'between' as const, attribute, low, high, span: this.join(attribute.span, high.span) };
          });
        },
      },
      {
        ALT: () => {
          const attribute = this.tailAttribute;
          this.note(this.CONSUME(T.Is));
          const tok = this.note(
            this.OR2((this.missingPresentAlts ??= [{ ALT: () => this.CONSUME(T.Missing) }, { ALT: () => this.CONSUME(T.Present) }])),
          );
          return this.ACTION(() => ({
            kind: 'presence' as const,
            attribute,
            missing: tok.tokenType === T.Missing,
            span: this.join(attribute.span, this.spanOf(tok)),
          }));
        },
      },
      {
        ALT: () => {
          this.note(this.CONSUME(T.Contains));
          return this.OR3((this.containsAlts ??= [
            {
              ALT: () => {
                const attribute = this.tailAttribute;
                const modeTok = this.note(this.OR4((this.anyAllAlts ??= [{ ALT: () => this.CONSUME(T.Any) }, { ALT: () => this.CONSUME(T.All) }])));
                const { values, span } = this.SUBRULE2(this.literalList);
                return this.ACTION(() => ({
                  kind: 'contains' as const,
                  attribute,
                  mode: modeTok.tokenType === T.Any ? ('any' as const) : ('all' as const),
                  values,
                  span: this.join(attribute.span, span),
                }));
              },
            },
            {
              ALT: () => {
                const attribute = this.tailAttribute;
                const value = this.SUBRULE4(this.literal);
                return this.ACTION(() => ({ kind: 'contains' as const, attribute, mode: 'one' as const, values: [value], span: this.join(attribute.span, value.span) }));
              },
              IGNORE_AMBIGUITIES: true,
            },
          ]));
        },
      },
      {
        ALT: () => {
          const attribute = this.tailAttribute;
          const kw = this.note(this.OR5((this.startsEndsAlts ??= [{ ALT: () => this.CONSUME(T.Starts) }, { ALT: () => this.CONSUME(T.Ends) }])));
          this.note(this.CONSUME(T.With));
          const value = this.SUBRULE5(this.literal);
          return this.ACTION(() => ({
            kind: 'textMatch' as const,
            attribute,
            op: kw.tokenType === T.Starts ? ('startsWith' as const) : ('endsWith' as const),
            value,
            span: this.join(attribute.span, value.span),
          }));
        },
      },
      {
        ALT: () => {
          const attribute = this.tailAttribute;
          const kw = this.note(this.OR6((this.beforeAfterAlts ??= [{ ALT: () => this.CONSUME(T.Before) }, { ALT: () => this.CONSUME(T.After) }])));
          const value = this.SUBRULE6(this.literal);
          return this.ACTION(() => ({
            kind: 'dateCompare' as const,
            attribute,
            op: kw.tokenType === T.Before ? ('before' as const) : ('after' as const),
            value,
            span: this.join(attribute.span, value.span),
          }));
        },
      },
      {
        ALT: () => {
          const attribute = this.tailAttribute;
          this.note(this.CONSUME(T.Within));
          this.note(this.CONSUME(T.Last));
          const duration = this.SUBRULE(this.duration);
          return this.ACTION(() => ({ kind: 'withinLast' as const, attribute, duration, span: this.join(attribute.span, duration.span) }));
        },
      },
      {
        ALT: () => {
          const attribute = this.tailAttribute;
          this.note(this.CONSUME(T.More));
          this.note(this.CONSUME(T.Than));
          const duration = this.SUBRULE2(this.duration);
          const ago = this.note(this.CONSUME(T.Ago));
          return this.ACTION(() => ({ kind: 'ago' as const, attribute, duration, span: this.join(attribute.span, this.spanOf(ago)) }));
        },
      },
    ]));
  });

  private path = this.RULE('path', (): Path => {
    const parts: Name[] = [];
    const first = this.note(this.CONSUME(T.Name));
    this.ACTION(() => parts.push(this.nameOf(first)));
    this.MANY(() => {
      this.note(this.CONSUME(T.Dot));
      const tok = this.note(this.CONSUME2(T.Name));
      this.ACTION(() => {
        if (!isVirtual(tok)) parts.push(this.nameOf(tok));
      });
    });
    return this.ACTION(() => {
      // A lone `did` reaches here only when no event follows it (`include did` then `}`).
      if (parts.length === 1 && first.tokenType === T.Did) this.missing('an event name');
      return {
        parts,
        text: parts.map((p) => p.text).join('.'),
        span: this.join(parts[0].span, parts[parts.length - 1].span),
      };
    });
  });

  private literalList = this.RULE('literalList', (): { values: Literal[]; span: Span } => {
    const open = this.note(this.CONSUME(T.LParen));
    const values: Literal[] = [this.SUBRULE(this.literal)];
    this.MANY(() => {
      this.note(this.CONSUME(T.Comma));
      values.push(this.SUBRULE2(this.literal));
    });
    const close = this.note(this.CONSUME(T.RParen));
    return this.ACTION(() => ({ values, span: this.join(this.spanOf(open), isVirtual(close) ? values[values.length - 1].span : this.spanOf(close)) }));
  });

  private literalAlts?: IOrAlt<IToken>[];
  public literal = this.RULE(
    'literal',
    (): Literal => {
      const tok = this.note(
        this.OR((this.literalAlts ??= [
          { ALT: () => this.CONSUME(T.NumberLiteral) },
          { ALT: () => this.CONSUME(T.StringLiteral) },
          { ALT: () => this.CONSUME(T.DateTimeLiteral) },
          { ALT: () => this.CONSUME(T.DateLiteral) },
          { ALT: () => this.CONSUME(T.True) },
          { ALT: () => this.CONSUME(T.False) },
          // `device = mobile`: a bare word where a value belongs; read as text, reported with a fix.
          // Not a word that starts the next property or joins conditions: `age >` then `exclude …`.
          // (Checked in the alternative rather than as a GATE: Chevrotain allocates on every OR with gates.)
          {
            ALT: () => (VALUE_STOP_WORDS.has(this.LA(1).tokenType) ? MISSING_VALUE : this.CONSUME(T.Name)),
            IGNORE_AMBIGUITIES: true,
          },
          { ALT: () => MISSING_VALUE, IGNORE_AMBIGUITIES: true },
        ])),
      );
      return this.ACTION(() => {
        if (tok === MISSING_VALUE) {
          return { kind: 'string' as const, value: '', raw: '', span: this.missing(ERROR_WORDS.literal) };
        }
        return this.literalOf(tok);
      });
    },
    { recoveryValueFunc: (): Literal => ({ kind: 'string', value: '', raw: '', span: this.here() }) },
  );

  // ---- AST helpers ------------------------------------------------------------

  /** `N and M UNIT ago`: N and M must be whole numbers of 0 or more, as any duration. */
  private agoRange(low: Literal, high: Literal, tail: AgoTail): AgoRange {
    for (const lit of [low, high]) {
      if (lit.raw === '') continue;
      if (lit.kind !== 'number' || !Number.isInteger(lit.value) || lit.value < 0) {
        this.literalProblems.push({
          span: lit.span,
          code: 'invalid-duration',
          message: `\`between … ago\` counts whole ${UNIT_BY_TOKEN.get(tail.unit.tokenType) ?? 'day'}s back from asOf: write a whole number of 0 or more, not \`${lit.raw}\``,
        });
      }
    }
    const unitSpan = this.spanOf(tail.unit);
    return {
      low,
      high,
      unit: UNIT_BY_TOKEN.get(tail.unit.tokenType) ?? 'day',
      unitSpan,
      span: this.join(low.span, this.spanOf(tail.ago)),
    };
  }

  private combine(kind: 'or' | 'and', operands: Expr[]): Expr {
    const present = operands.map((o) => o ?? this.errorExpr());
    if (present.length === 1) return present[0];
    return { kind, operands: present, span: this.join(present[0].span, present[present.length - 1].span) };
  }

  private nameOf(tok: IToken): Name {
    const span = this.spanOf(tok);
    if (tok.tokenType === T.BacktickName) {
      // An unterminated backtick name (already reported) has no closing backtick to drop.
      const closed = tok.image.length > 1 && tok.image.endsWith('`');
      return { text: tok.image.slice(1, closed ? -1 : undefined), span, quoted: true };
    }
    return { text: tok.image, span, quoted: false };
  }

  private literalOf(tok: IToken): Literal {
    const span = this.spanOf(tok);
    const raw = tok.image ?? '';
    switch (tok.tokenType) {
      case T.NumberLiteral:
        return { kind: 'number', value: Number(raw), raw, span };
      case T.StringLiteral:
        return { kind: 'string', value: decodeString(raw), raw, span };
      case T.True:
      case T.False:
        return { kind: 'boolean', value: raw === 'true', raw, span };
      case T.DateLiteral: {
        if (parseIsoDay(raw) === undefined) {
          this.literalProblems.push({ span, code: 'invalid-date', message: `\`${raw}\` is not a real calendar date` });
        }
        return { kind: 'date', value: raw, raw, span };
      }
      case T.DateTimeLiteral: {
        const instant = parseIsoInstant(raw);
        if (instant === undefined) {
          this.literalProblems.push({ span, code: 'invalid-date', message: `\`${raw}\` is not a real date and time` });
          return { kind: 'datetime', value: raw.slice(0, 10), raw, span };
        }
        return { kind: 'datetime', value: formatDay(dayOfInstant(instant)), raw, span };
      }
      default: {
        if (isVirtual(tok)) return { kind: 'string', value: '', raw: '', span };
        // A bare word in value position.
        const text = tok.tokenType === T.BacktickName ? raw.slice(1, -1) : raw;
        const quoted = JSON.stringify(text);
        this.literalProblems.push({
          span,
          code: 'unquoted-text',
          message: `text values go in double quotes: write ${quoted}`,
          fix: { title: `Put ${quoted} in quotes`, newText: quoted },
        });
        return { kind: 'string', value: text, raw, span };
      }
    }
  }
}

function decodeString(raw: string): string {
  // Most strings hold no escape: no need for the JSON parser.
  if (raw.length >= 2 && raw.indexOf('\\') < 0 && raw.charCodeAt(raw.length - 1) === 34) return raw.slice(1, -1);
  try {
    return JSON.parse(raw) as string;
  } catch {
    return raw.replace(/^"/, '').replace(/"$/, '');
  }
}

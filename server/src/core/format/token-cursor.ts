// Walks the tokens of one segment block in source order while the formatter
// walks its AST. Each comment is attached to a token: a comment that ends the
// line of a token trails that token; a comment on its own line leads the token
// after it. Taking a token hands back its comments with it, so no comment can
// be dropped or moved past a token.
import type { Span } from '../base/span';
import { countNewlines, trimComment, type Lexeme } from './lexemes';

export interface OwnLineComment {
  text: string;
  /** An empty line stood before it in the source. */
  blankBefore: boolean;
}

export interface BlockToken {
  type: string;
  image: string;
  start: number;
  end: number;
  leading: OwnLineComment[];
  /** An empty line stood between the last leading comment (or previous token) and this token. */
  blankBefore: boolean;
  trailing?: string;
}

/** Thrown when the AST and the tokens disagree; the block is then left as written. */
export class FormatMismatch extends Error {}

export function attachComments(lexemes: Lexeme[], text: string): BlockToken[] {
  const tokens: BlockToken[] = [];
  let pending: OwnLineComment[] = [];
  let prevEnd = -1;
  for (const lx of lexemes) {
    const newlines = prevEnd < 0 ? 0 : countNewlines(text, prevEnd, lx.start);
    if (lx.kind === 'comment') {
      const comment = trimComment(lx.image);
      const last = tokens[tokens.length - 1];
      if (last && newlines === 0 && pending.length === 0 && last.trailing === undefined) last.trailing = comment;
      else pending.push({ text: comment, blankBefore: newlines >= 2 });
    } else {
      if (lx.kind !== 'token') throw new FormatMismatch(`unexpected text ${JSON.stringify(lx.image)}`);
      tokens.push({ type: lx.type, image: lx.image, start: lx.start, end: lx.end, leading: pending, blankBefore: newlines >= 2 });
      pending = [];
    }
    prevEnd = lx.end;
  }
  if (pending.length > 0) throw new FormatMismatch('comments after the last token of a block');
  return tokens;
}

export class TokenCursor {
  private index = 0;

  constructor(private readonly tokens: BlockToken[]) {}

  peek(): BlockToken {
    const tok = this.tokens[this.index];
    if (!tok) throw new FormatMismatch('ran out of tokens');
    return tok;
  }

  /** The next token, which must be the keyword or punctuation `image`. */
  word(image: string): BlockToken {
    const tok = this.peek();
    if (tok.image !== image) throw new FormatMismatch(`expected ${image}, found ${tok.image}`);
    this.index++;
    return tok;
  }

  /** The next token, which must be one of `images`. */
  oneOf(images: readonly string[]): BlockToken {
    const tok = this.peek();
    if (!images.includes(tok.image)) throw new FormatMismatch(`expected one of ${images.join(' ')}, found ${tok.image}`);
    this.index++;
    return tok;
  }

  /** The next token, which must start at `span.start` (and end at `span.end` unless `startOnly`). */
  at(span: Span, startOnly = false): BlockToken {
    const tok = this.peek();
    if (tok.start !== span.start || (!startOnly && tok.end !== span.end)) {
      throw new FormatMismatch(`expected a token at ${span.start}-${span.end}, found ${tok.image} at ${tok.start}`);
    }
    this.index++;
    return tok;
  }

  /** The next token, which must end at `end`. */
  endingAt(end: number): BlockToken {
    const tok = this.peek();
    if (tok.end !== end) throw new FormatMismatch(`expected a token ending at ${end}, found ${tok.image}`);
    this.index++;
    return tok;
  }

  ofType(type: string): BlockToken {
    const tok = this.peek();
    if (tok.type !== type) throw new FormatMismatch(`expected a ${type}, found ${tok.image}`);
    this.index++;
    return tok;
  }

  done(): boolean {
    return this.index === this.tokens.length;
  }
}

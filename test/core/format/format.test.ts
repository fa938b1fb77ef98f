// Golden tests: each input next to the exact text `segments fmt` must produce.
// Every expected text is also checked to be a fixed point (formatting it again
// changes nothing) and to have been produced without the safety guard.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatEdits, formatSegments, formatSegmentsWithReport } from '../../../server/src/core/format/format';

function golden(input: string, expected: string): void {
  const report = formatSegmentsWithReport(input);
  assert.equal(report.guardTripped, false, 'the token guard was needed');
  assert.equal(report.blocksLeftAsWritten, 0, 'a correct block could not be laid out');
  assert.equal(report.text, expected);
  assert.equal(formatSegments(expected), expected, 'the expected text is not a fixed point');
}

test('the first example of the language design is already canonical', () => {
  const example = `# Retargeting audiences for the autumn campaign.

segment existing_customers {
  title "Existing customers"
  include purchase_count >= 1
}

segment abandoned_cart {
  title "Abandoned cart, last 7 days"
  description "Put something in the cart this week and has not bought since."
  owner "growth-team"
  tags retargeting, email

  include
    cart_items > 0
    and last_cart_at within last 7 days
    and city in ("Oslo", "Bergen", "Stavanger")
    and not did purchase within last 7 days

  exclude segment existing_customers or email_opt_in = false
}

segment young_sporty_mobile {
  include
    age between 18 and 30
    and interests contains any ("sport", "outdoor")
    and device = "mobile"
    and did product_view where (category = "shoes") at least 3 times within last 30 days
}
`;
  golden(example, example);
});

test('block header, 2-space properties, order as written, tags with commas', () => {
  golden(
    `segment   a{
owner "growth-team"
      tags vip ,email,\`paid social\`
title   "Caf\\u00e9 \\"fans\\""
include purchase_count>=1}
`,
    `segment a {
  owner "growth-team"
  tags vip, email, \`paid social\`
  title "Caf\\u00e9 \\"fans\\""
  include purchase_count >= 1
}
`,
  );
});

test('include puts each top-level `and` condition on its own line; a long exclude breaks the same way', () => {
  golden(
    `segment a {
  include age >= 18 and age <= 65
  exclude age!=3 and score < -3.5 and n > 1e3 and x = .5 and device="mobile" and vip and b = true
}
`,
    `segment a {
  include
    age >= 18
    and age <= 65
  exclude
    age != 3
    and score < -3.5
    and n > 1e3
    and x = .5
    and device = "mobile"
    and vip
    and b = true
}
`,
  );
});

test('every condition form gets single spaces; literals and names stay as written', () => {
  golden(
    `segment b { include city not in("Oslo" , "Bergen") or geo . city in ( "x" ) or age between 18 and 30 or email is missing or phone is present or interests contains "sport" or interests contains any("a","b") or interests contains all ( "c" ) or name starts  with "A" or name ends with "z" or signup before 2026-01-31 or seen after 2026-01-31T08:00:00Z or last_seen within last 7 days or first_seen more than 3 months ago or segment a or \`Preferred channel\` = "sms" }
`,
    `segment b {
  include
    city not in ("Oslo", "Bergen")
    or geo.city in ("x")
    or age between 18 and 30
    or email is missing
    or phone is present
    or interests contains "sport"
    or interests contains any ("a", "b")
    or interests contains all ("c")
    or name starts with "A"
    or name ends with "z"
    or signup before 2026-01-31
    or seen after 2026-01-31T08:00:00Z
    or last_seen within last 7 days
    or first_seen more than 3 months ago
    or segment a
    or \`Preferred channel\` = "sms"
}
`,
  );
});

test('did with where, count and window in every spelling', () => {
  golden(
    `segment c { include did purchase where(amount>10) at least 3 times within last 30 days or did not "Order Completed" exactly 1 time since 2026-01-01 or did x at most 2 times between 2026-01-01 and 2026-02-01 }
`,
    `segment c {
  include
    did purchase where (amount > 10) at least 3 times within last 30 days
    or did not "Order Completed" exactly 1 time since 2026-01-01
    or did x at most 2 times between 2026-01-01 and 2026-02-01
}
`,
  );
});

test('parentheses are kept; a group that fits stays on one line', () => {
  golden(
    `segment d { include not(a = 1 or b = 2) and ((c = 3)) }
`,
    `segment d {
  include
    not (a = 1 or b = 2)
    and ((c = 3))
}
`,
  );
});

test('a group too long for the line breaks inside its parentheses, one level deeper', () => {
  golden(
    `segment e { include (aaaaaaaaaaaaaaa = 1 or bbbbbbbbbbbbbbbbbbbbb = 2 or ccccccccccccccccccc = 3 or dddddddddddd = 4) and e = 5 and did view where (category = "shoes" and price > 100 and brand in ("Nike", "Adidas", "Puma")) at least 2 times }
`,
    `segment e {
  include
    (
      aaaaaaaaaaaaaaa = 1
      or bbbbbbbbbbbbbbbbbbbbb = 2
      or ccccccccccccccccccc = 3
      or dddddddddddd = 4
    )
    and e = 5
    and did view where (
      category = "shoes"
      and price > 100
      and brand in ("Nike", "Adidas", "Puma")
    ) at least 2 times
}
`,
  );
});

test('an `and` inside a long `or` (precedence, no parentheses) indents its continuation', () => {
  golden(
    `segment f { include a = 1 and b = 2 or c = 3 and d = 4 and eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee = 5 and ffffffffffffff = 6 }
`,
    `segment f {
  include
    a = 1 and b = 2
    or c = 3
      and d = 4
      and eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee = 5
      and ffffffffffffff = 6
}
`,
  );
});

test('a value list too long for the line gets one value per line', () => {
  golden(
    `segment g { include city in ("Oslo", "Bergen", "Stavanger", "Trondheim", "Kristiansand", "Tromso", "Bodo", "Alta") }
`,
    `segment g {
  include
    city in (
      "Oslo",
      "Bergen",
      "Stavanger",
      "Trondheim",
      "Kristiansand",
      "Tromso",
      "Bodo",
      "Alta"
    )
}
`,
  );
});

test('comments keep their place: own-line ones on their own line, trailing ones at the end of their line', () => {
  golden(
    `# header comment

# about a
segment a { # after brace
  # before title
      title "A" # after title


  # before include
  include a > 1 # after a
    # own line between
    and b < 2 and ( # after paren
      c = 3 # after c
         # before close
    )
  # before close brace
}   # after block



# between blocks
segment b {
  include x # why
}
# footer`,
    `# header comment

# about a
segment a { # after brace
  # before title
  title "A" # after title

  # before include
  include
    a > 1 # after a
    # own line between
    and b < 2
    and ( # after paren
      c = 3 # after c
      # before close
    )
  # before close brace
} # after block

# between blocks
segment b {
  include x # why
}

# footer
`,
  );
});

test('a comment inside a condition breaks it and stays between the same two tokens', () => {
  golden(
    `segment a {
  include did purchase # which event
    at least 3 times and age > # the threshold
    18 and city in ("Oslo", # the capital
    "Bergen")
}
`,
    `segment a {
  include
    did purchase # which event
        at least 3 times
    and age > # the threshold
        18
    and city in (
      "Oslo", # the capital
      "Bergen"
    )
}
`,
  );
});

test('a comment before a connective stays before it', () => {
  golden(
    `segment a {
  include a = 1 and
  # why b
  b = 2
}
`,
    `segment a {
  include
    a = 1
    and
    # why b
    b = 2
}
`,
  );
});

test('trailing whitespace in comments goes; the comment text stays', () => {
  golden('# note   \t\nsegment a { include x }  # end  \n', '# note\nsegment a {\n  include x\n} # end\n');
});

test('blank lines: one between blocks, kept (at most one) between properties, dropped inside expressions and at block edges', () => {
  golden(
    `segment a {

  title "A"



  include x

    and y
  exclude z

}
segment b { include y }



segment c { include z }
`,
    `segment a {
  title "A"

  include
    x
    and y
  exclude z
}

segment b {
  include y
}

segment c {
  include z
}
`,
  );
});

test('CRLF files stay CRLF; the file ends with exactly one line ending', () => {
  golden('# c\r\nsegment a {\r\n  include x>1\r\n}\r\n\r\n\r\n', '# c\r\nsegment a {\r\n  include x > 1\r\n}\r\n');
  golden('segment a {include x}', 'segment a {\n  include x\n}\n');
});

test('the line ending used most outside broken blocks wins, and broken blocks keep theirs', () => {
  // Five LF lines inside the broken block, three CRLF elsewhere: CRLF wins.
  const broken = 'segment bad {\n  include\n    x >\n\n\n}';
  golden(
    `segment a {\r\ninclude x\r\n}\r\n${broken}\r\nsegment b {include y}`,
    `segment a {\r\n  include x\r\n}\r\n\r\n${broken}\r\n\r\nsegment b {\r\n  include y\r\n}\r\n`,
  );
});

test('a block with a syntax error is left byte for byte; its neighbours are formatted', () => {
  golden(
    `segment ok1 {include a>1}
segment broken {
    include a ==  1
      and   # keep me
}
segment ok2 {include b>2}`,
    `segment ok1 {
  include a > 1
}

segment broken {
    include a ==  1
      and   # keep me
}

segment ok2 {
  include b > 2
}
`,
  );
});

test('a broken block keeps its own line endings and tabs', () => {
  const broken = 'segment bad {\r\n\tinclude age >\n\t}';
  golden(`segment ok {include x}\n${broken}\n`, `segment ok {\n  include x\n}\n\n${broken}\n`);
});

test('a block missing its closing brace keeps the comments that follow it', () => {
  golden(
    `segment a {
  include x > 1
    # still typing
segment b { include y }`,
    `segment a {
  include x > 1
    # still typing

segment b {
  include y
}
`,
  );
});

test('stray text outside blocks is kept as written', () => {
  golden(
    `stray  words here # c
segment a { include x }
@@ segment b { include y }`,
    `stray  words here # c
segment a {
  include x
}

@@
segment b {
  include y
}
`,
  );
});

test('a character the lexer cannot place (U+3000) is never dropped', () => {
  golden('segment a {\u3000include x}\n', 'segment a {\u3000include x}\n');
  golden('\u3000\nsegment a {include x}\n', '\u3000\nsegment a {\n  include x\n}\n');
});

test('empty files, comment-only files, empty blocks, a byte order mark', () => {
  golden('', '');
  golden('\n\n  \n', '');
  golden('\n\n  # only a comment   \n\n\n# two', '# only a comment\n\n# two\n');
  golden('segment a {\n\n}', 'segment a {}\n');
  golden('\ufeffsegment a {include x}', '\ufeffsegment a {\n  include x\n}\n');
});

test('a block right after a broken one (`}segment`) is formatted the same on every pass', () => {
  const input = 'segment a { include x > 12 { }segment b {include y}';
  const once = formatSegments(input);
  assert.equal(formatSegments(once), once);
  assert.match(once, /segment b \{\n {2}include y\n\}\n$/);
});

test('formatEdits: nothing for a formatted file, else one edit that yields the formatted text', () => {
  const formatted = 'segment a {\n  include x > 1\n}\n';
  assert.deepEqual(formatEdits(formatted), []);
  const input = '# keep\nsegment a {\n  include x>1\n}\n';
  const edits = formatEdits(input);
  assert.equal(edits.length, 1);
  const [{ span, newText }] = edits;
  assert.equal(input.slice(0, span.start) + newText + input.slice(span.end), formatSegments(input));
  assert.ok(span.start >= '# keep\nsegment a {\n  include x'.length, 'the unchanged beginning is not replaced');
});

test('formatEdits never splits a CRLF', () => {
  const input = 'segment a {\r\n  include x\r\n\r\n\r\n}\r\n';
  const [edit] = formatEdits(input);
  assert.notEqual(input[edit.span.start - 1], '\r');
  assert.notEqual(input[edit.span.end - 1], '\r');
});

test('the line limit is 80 columns: 80 stays on the keyword line, 81 breaks', () => {
  const fits = `  include a = "${'x'.repeat(64)}"`;
  assert.equal(fits.length, 80);
  golden(`segment a {\n${fits}\n}\n`, `segment a {\n${fits}\n}\n`);
  golden(`segment a {\n  include a = "${'x'.repeat(65)}"\n}\n`, `segment a {\n  include\n    a = "${'x'.repeat(65)}"\n}\n`);
});

test('an exclude joined by `and` and an include joined by `or` stay on the keyword line when they fit', () => {
  golden(
    'segment a {\n  include x or y\n  exclude vip and b = 1\n}\n',
    'segment a {\n  include x or y\n  exclude vip and b = 1\n}\n',
  );
});

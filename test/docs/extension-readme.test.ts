// The extension's page (extension/README.md, shown on the Marketplace and in
// VS Code's extension view): every link and image is an absolute https URL, so
// it works wherever the page is shown, and every one that points into this
// repository names a file, folder or heading that exists. The CHANGELOG has a
// section for the version being packaged.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../support/cli';

const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string; repository: { url: string } };
const REPOSITORY = pkg.repository.url.replace(/\.git$/, '');
const RAW = REPOSITORY.replace('https://github.com/', 'https://raw.githubusercontent.com/');
const page = readFileSync(join(REPO_ROOT, 'extension', 'README.md'), 'utf8');

/** `[text](url)` and `![alt](url)` targets, outside code blocks. */
function links(markdown: string): { image: boolean; url: string }[] {
  const prose = markdown.replace(/```[\s\S]*?```/g, '');
  return [...prose.matchAll(/(!?)\[[^\]]*\]\(([^)\s]+)\)/g)].map((m) => ({ image: m[1] === '!', url: m[2] }));
}

/** GitHub's anchor for a Markdown heading. */
function anchor(heading: string): string {
  return heading.trim().toLowerCase().replace(/[^\p{L}\p{N}\s_-]/gu, '').replace(/\s/g, '-');
}

test('the extension page has links and a screenshot, all absolute https URLs', () => {
  const all = links(page);
  assert.ok(all.some((l) => l.image), 'a screenshot');
  assert.ok(all.length >= 8, `${all.length} links`);
  for (const l of all) assert.match(l.url, /^https:\/\//, `${l.url} is absolute`);
  // The Marketplace refuses SVG images from unknown hosts and http images.
  for (const l of all.filter((x) => x.image)) assert.doesNotMatch(l.url, /\.svg$/i, l.url);
});

test('every link into the repository points at something that exists', () => {
  for (const { url } of links(page)) {
    let path: string | undefined;
    if (url.startsWith(`${RAW}/main/`)) path = url.slice(`${RAW}/main/`.length);
    else if (url.startsWith(`${REPOSITORY}/blob/main/`)) path = url.slice(`${REPOSITORY}/blob/main/`.length);
    else if (url.startsWith(`${REPOSITORY}/tree/main/`)) path = url.slice(`${REPOSITORY}/tree/main/`.length);
    else if (url.startsWith(`${REPOSITORY}#`)) path = `README.md${url.slice(REPOSITORY.length)}`;
    else if (url === `${REPOSITORY}/issues`) continue;
    assert.ok(path !== undefined, `${url} is a link into ${REPOSITORY}`);
    const [file, hash] = path.split('#');
    assert.ok(existsSync(join(REPO_ROOT, file)), `${url}: ${file} exists`);
    if (hash) {
      const headings = readFileSync(join(REPO_ROOT, file), 'utf8').split('\n').filter((l) => /^#{1,6} /.test(l)).map((l) => anchor(l.replace(/^#+ /, '')));
      assert.ok(headings.includes(hash), `${url}: ${file} has a heading #${hash}`);
    }
  }
});

test('the extension page is for users: no contributor commands', () => {
  assert.doesNotMatch(page, /npm ci|npm test|npm run/);
});

test('the CHANGELOG has a section for the packaged version', () => {
  const changelog = readFileSync(join(REPO_ROOT, 'CHANGELOG.md'), 'utf8');
  assert.ok(changelog.split('\n').includes(`## ${pkg.version}`), `## ${pkg.version}`);
});

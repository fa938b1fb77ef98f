import assert from 'node:assert/strict';
import { mkdirSync, symlinkSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, test } from 'node:test';
import { findConfigFile, listSegmentFiles, projectRootFor } from '../../../server/src/core/project/find-project';
import { resolveProject } from '../../../server/src/core/project/resolve-project';
import { tempFolder, writeFileIn } from './helpers';

const CONFIG = 'segments.config.json';

/** A workspace with a project, a nested project inside it, and folders that must be skipped. */
function workspace(): string {
  return tempFolder({
    [`shop/${CONFIG}`]: '{}',
    'shop/retention.segment': '',
    'shop/acquisition.segment': '',
    'shop/email/newsletter.segment': '',
    'shop/email/deep/er/win-back.segment': '',
    'shop/notes.txt': '',
    'shop/segment': '',
    'shop/node_modules/some-package/bundled.segment': '',
    'shop/.git/objects/copy.segment': '',
    'shop/.drafts/draft.segment': '',
    [`shop/partner/${CONFIG}`]: '{}',
    'shop/partner/partner.segment': '',
    'shop/partner/sub/partner-sub.segment': '',
    'loose/alone.segment': '',
  });
}

describe('findConfigFile', () => {
  const root = workspace();

  test('from a file in the project folder', () => {
    assert.equal(findConfigFile(join(root, 'shop/retention.segment')), join(root, 'shop', CONFIG));
  });

  test('from a file several folders down', () => {
    assert.equal(findConfigFile(join(root, 'shop/email/deep/er/win-back.segment')), join(root, 'shop', CONFIG));
  });

  test('from a folder, including the project folder itself', () => {
    assert.equal(findConfigFile(join(root, 'shop/email')), join(root, 'shop', CONFIG));
    assert.equal(findConfigFile(join(root, 'shop')), join(root, 'shop', CONFIG));
  });

  test('the nearest config wins in a nested project', () => {
    assert.equal(findConfigFile(join(root, 'shop/partner/sub/partner-sub.segment')), join(root, 'shop/partner', CONFIG));
  });

  test('from the config file itself', () => {
    assert.equal(findConfigFile(join(root, 'shop', CONFIG)), join(root, 'shop', CONFIG));
  });

  test('a file that does not exist yet (an unsaved editor tab) still finds its project', () => {
    assert.equal(findConfigFile(join(root, 'shop/email/new.segment')), join(root, 'shop', CONFIG));
  });

  test('a relative start path', () => {
    const relativePath = relative(process.cwd(), join(root, 'shop/email/newsletter.segment'));
    assert.ok(!relativePath.startsWith('/'));
    assert.equal(findConfigFile(relativePath), join(root, 'shop', CONFIG));
  });

  test('no config above: undefined', () => {
    assert.equal(findConfigFile(join(root, 'loose/alone.segment')), undefined);
  });

  test('a folder named like the config file is not a config', () => {
    const folder = tempFolder({ [`inner/${CONFIG}/x.txt`]: '', 'inner/a.segment': '' });
    assert.equal(findConfigFile(join(folder, 'inner/a.segment')), undefined);
  });
});

describe('projectRootFor and resolveProject', () => {
  const root = workspace();

  test('the config folder when there is a config', () => {
    assert.equal(projectRootFor(join(root, 'shop/email/newsletter.segment')), join(root, 'shop'));
  });

  test('the file\'s folder, or the folder itself, when there is none', () => {
    assert.equal(projectRootFor(join(root, 'loose/alone.segment')), join(root, 'loose'));
    assert.equal(projectRootFor(join(root, 'loose')), join(root, 'loose'));
  });

  test('resolveProject loads the config it finds', () => {
    const folder = tempFolder({ [CONFIG]: '{ "idColumn": "customer", "smaple": "x" }', 'a/b.segment': '' });
    const { config, diagnostics } = resolveProject(join(folder, 'a/b.segment'));
    assert.equal(config.root, folder);
    assert.equal(config.configFile, join(folder, CONFIG));
    assert.equal(config.idColumn, 'customer');
    assert.deepEqual(diagnostics.map((d) => d.code), ['config-unknown-key']);
  });

  test('resolveProject without a config gives the defaults and no diagnostics', () => {
    const { config, diagnostics } = resolveProject(join(root, 'loose/alone.segment'));
    assert.deepEqual(config, { root: join(root, 'loose'), idColumn: 'user_id' });
    assert.deepEqual(diagnostics, []);
  });
});

describe('listSegmentFiles', () => {
  const root = workspace();

  test('every .segment file of the project, sorted, skipping node_modules, dot-folders and nested projects', () => {
    assert.deepEqual(listSegmentFiles(join(root, 'shop')), [
      join(root, 'shop/acquisition.segment'),
      join(root, 'shop/email/deep/er/win-back.segment'),
      join(root, 'shop/email/newsletter.segment'),
      join(root, 'shop/retention.segment'),
    ]);
  });

  test('the nested project lists its own files', () => {
    assert.deepEqual(listSegmentFiles(join(root, 'shop/partner')), [
      join(root, 'shop/partner/partner.segment'),
      join(root, 'shop/partner/sub/partner-sub.segment'),
    ]);
  });

  test('sorted by code unit, so the order is the same on every machine', () => {
    const folder = tempFolder({ 'b.segment': '', 'B.segment': '', 'a/z.segment': '', 'a.segment': '', 'ä.segment': '' });
    assert.deepEqual(
      listSegmentFiles(folder).map((f) => f.slice(folder.length + 1)),
      ['B.segment', 'a.segment', 'a/z.segment', 'b.segment', 'ä.segment'],
    );
  });

  test('a relative root gives absolute paths', () => {
    const files = listSegmentFiles(relative(process.cwd(), join(root, 'shop/email')));
    assert.deepEqual(files, [join(root, 'shop/email/deep/er/win-back.segment'), join(root, 'shop/email/newsletter.segment')]);
  });

  test('a root that does not exist or is a file', () => {
    assert.deepEqual(listSegmentFiles(join(root, 'nowhere')), []);
    assert.deepEqual(listSegmentFiles(join(root, 'shop/retention.segment')), [join(root, 'shop/retention.segment')]);
    assert.deepEqual(listSegmentFiles(join(root, 'shop/notes.txt')), []);
  });

  test('a symlink loop ends, and a file reached twice is listed once', () => {
    const folder = tempFolder({ 'a/one.segment': '', 'b/two.segment': '' });
    symlinkSync(join(folder, 'a'), join(folder, 'a/loop'), 'dir');
    symlinkSync(folder, join(folder, 'b/up'), 'dir');
    assert.deepEqual(listSegmentFiles(folder), [join(folder, 'a/one.segment'), join(folder, 'b/two.segment')]);
  });

  test('symlinked folders and files outside the project are followed', () => {
    const outside = tempFolder({ 'shared/common.segment': '', 'lone.segment': '' });
    const folder = tempFolder({ 'own.segment': '' });
    symlinkSync(join(outside, 'shared'), join(folder, 'shared'), 'dir');
    symlinkSync(join(outside, 'lone.segment'), join(folder, 'linked.segment'), 'file');
    assert.deepEqual(listSegmentFiles(folder), [
      join(folder, 'linked.segment'),
      join(folder, 'own.segment'),
      join(folder, 'shared/common.segment'),
    ]);
  });

  test('a broken symlink is skipped', () => {
    const folder = tempFolder({ 'ok.segment': '' });
    symlinkSync(join(folder, 'gone'), join(folder, 'broken.segment'), 'file');
    symlinkSync(join(folder, 'gone-dir'), join(folder, 'broken-dir'), 'dir');
    assert.deepEqual(listSegmentFiles(folder), [join(folder, 'ok.segment')]);
  });

  test('a folder ending in .segment is walked, not listed', () => {
    const folder = tempFolder({ 'odd.segment/inner.segment': '' });
    mkdirSync(join(folder, 'empty.segment'));
    writeFileIn(folder, 'x.segment', '');
    assert.deepEqual(listSegmentFiles(folder), [join(folder, 'odd.segment/inner.segment'), join(folder, 'x.segment')]);
  });
});

// The checker's public surface.
export { checkProject, type CheckInput } from './check-project';
export { CHECK_DIAGNOSTIC_CODES, type CheckCode, type CheckCodeInfo } from './codes';
export { formatName, formatAttributeName, isPlainName, KEYWORDS } from './format-name';

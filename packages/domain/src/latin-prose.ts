/**
 * English prose inside a Chinese sentence: three or more Latin words in a row ("the final chunk").
 * Ids, codes, numbers, file names and a product term or two (TLS, ASCII armor, manifest.json) are
 * not prose, nor is a command to type (`cds keys init`). Used by the tests that keep every zh-HK error
 * message wholly Chinese.
 */
export function latinProse(text: string): string | null {
  const withoutCommands = text.replace(/\bcds(?:\s+-{0,2}[a-z][a-z-]*)+/g, 'cds');
  const match = /[A-Za-z]{2,}[,;:]?(?:\s+[A-Za-z]{2,}[,;:]?){2,}/.exec(withoutCommands);
  return match ? match[0] : null;
}

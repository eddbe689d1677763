// Where an image lives in the app's storage: under "products/", named after the file. Uploading a
// file with the same name again replaces the image, which is what a merchant re-shooting expects.

/** The folder of the product images. */
export const IMAGE_PREFIX = 'products/';

/** The storage key of an uploaded file: its name without path separators or control characters. */
export function imageKey(fileName: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed
  const safe = fileName.replace(/[\u0000-\u001f\u007f\\/]+/g, '-').trim();
  const name = safe === '' || safe === '.' || safe === '..' ? 'image' : safe;
  return IMAGE_PREFIX + name.slice(0, 200);
}

/** The file name shown for a key. */
export function imageName(key: string): string {
  return key.startsWith(IMAGE_PREFIX) ? key.slice(IMAGE_PREFIX.length) : key;
}

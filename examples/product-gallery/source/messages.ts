// The app's words: Chinese first, English when the console's locale is English.

export interface Messages {
  readonly title: string;
  readonly choose: string;
  readonly chooseHint: string;
  readonly uploads: string;
  readonly cancel: string;
  readonly retry: string;
  readonly uploaded: string;
  readonly failed: (message: string) => string;
  readonly cancelled: string;
  readonly images: string;
  readonly share: string;
  readonly remove: string;
  readonly confirmRemove: (name: string) => string;
  readonly shareLink: (name: string) => string;
  readonly shareHint: (time: string) => string;
  readonly previous: string;
  readonly next: string;
  readonly page: (number: number) => string;
  readonly empty: string;
  readonly emptyHint: string;
  readonly size: (bytes: number) => string;
}

function size(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

const zh: Messages = {
  title: '商品图库',
  choose: '上传图片',
  chooseHint: '可一次选择多张；大于 16 MiB 的图片自动分片上传，失败或取消后可重试。',
  uploads: '上传任务',
  cancel: '取消',
  retry: '重试',
  uploaded: '已上传',
  failed: (message) => `上传失败：${message}`,
  cancelled: '已取消',
  images: '商品图片',
  share: '分享链接',
  remove: '删除',
  confirmRemove: (name) => `确定删除图片“${name}”吗？删除后无法恢复。`,
  shareLink: (name) => `“${name}”的分享链接`,
  shareHint: (time) => `链接 ${time} 前有效，打开即下载原图。`,
  previous: '上一页',
  next: '下一页',
  page: (number) => `第 ${number} 页`,
  empty: '还没有商品图片',
  emptyHint: '上传的图片会出现在这里。',
  size,
};

const en: Messages = {
  title: 'Product gallery',
  choose: 'Upload images',
  chooseHint:
    'Choose several at once; images over 16 MiB upload in parts, and a failed or cancelled upload can be retried.',
  uploads: 'Uploads',
  cancel: 'Cancel',
  retry: 'Retry',
  uploaded: 'Uploaded',
  failed: (message) => `Upload failed: ${message}`,
  cancelled: 'Cancelled',
  images: 'Product images',
  share: 'Share link',
  remove: 'Delete',
  confirmRemove: (name) => `Delete the image "${name}"? This cannot be undone.`,
  shareLink: (name) => `Share link of "${name}"`,
  shareHint: (time) => `The link works until ${time} and downloads the original.`,
  previous: 'Previous',
  next: 'Next',
  page: (number) => `Page ${number}`,
  empty: 'No product images yet',
  emptyHint: 'Images you upload show up here.',
  size,
};

/** The words for `locale`. */
export function messagesFor(locale: string | undefined): Messages {
  return locale && !locale.toLowerCase().startsWith('zh') ? en : zh;
}

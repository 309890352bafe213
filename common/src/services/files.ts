/**
 * The files service's stable error codes and the messages of its screens and errors
 * (server and web), in both languages. Keys: `error.<CODE>` for errors, `files.*` otherwise.
 */
export const FILES_ERRORS = [
  'FILE_EMPTY',
  'FILE_TOO_LARGE',
  'FILE_TYPE_NOT_ALLOWED',
  'FILE_ARCHIVE_UNSAFE',
  'FILE_DAMAGED',
  'ATTACHMENT_NOT_FOUND',
  'ATTACHMENT_NOT_ATTACHABLE',
  'ATTACHMENT_NOT_ANONYMOUS',
] as const;

export const filesZhCN = {
  'error.FILE_EMPTY': '文件是空的',
  'error.FILE_TOO_LARGE': '文件太大，超过了单个文件的大小上限',
  'error.FILE_TYPE_NOT_ALLOWED':
    '不支持此文件类型（或文件内容与扩展名不符）。可上传图片（JPEG、PNG、GIF、WebP）、PDF、Word（.docx）、Excel（.xlsx）和纯文本',
  'error.FILE_ARCHIVE_UNSAFE': '文件内部结构异常（疑似压缩炸弹或含宏），已拒收',
  'error.FILE_DAMAGED': '文件已损坏，无法读取',
  'error.ATTACHMENT_NOT_FOUND': '附件不存在或无权查看',
  'error.ATTACHMENT_NOT_ATTACHABLE': '附件已被使用或不属于您，不能再次关联',
  'error.ATTACHMENT_NOT_ANONYMOUS': '匿名提交只能使用匿名上传的附件',
  'files.upload.button': '上传附件',
  'files.upload.hint': '单个文件不超过 {size}；支持图片、PDF、Word、Excel、纯文本',
  'files.upload.tooLarge': '“{name}”太大，单个文件不能超过 {size}',
  'files.upload.badType':
    '“{name}”的类型不支持，请上传图片、PDF、Word（.docx）、Excel（.xlsx）或纯文本',
  'files.upload.failed': '“{name}”上传失败：{reason}',
  'files.upload.tooMany': '最多上传 {max} 个附件',
  'files.upload.remove': '移除',
  'files.list.empty': '没有附件',
  'files.list.download': '下载',
  'files.list.preview': '预览',
  'files.preview.title': '预览：{name}',
  'files.preview.close': '关闭',
} as const;

export const filesEn: Record<keyof typeof filesZhCN, string> = {
  'error.FILE_EMPTY': 'The file is empty',
  'error.FILE_TOO_LARGE': 'The file is larger than the limit for one file',
  'error.FILE_TYPE_NOT_ALLOWED':
    'This type of file is not accepted (or its content does not match its name). Accepted: images (JPEG, PNG, GIF, WebP), PDF, Word (.docx), Excel (.xlsx) and plain text',
  'error.FILE_ARCHIVE_UNSAFE':
    'The file is built in an unsafe way (a possible zip bomb, or macros) and was refused',
  'error.FILE_DAMAGED': 'The file is damaged and cannot be read',
  'error.ATTACHMENT_NOT_FOUND': 'No such attachment, or you may not see it',
  'error.ATTACHMENT_NOT_ATTACHABLE':
    'The attachment is already in use or is not yours, and cannot be attached here',
  'error.ATTACHMENT_NOT_ANONYMOUS': 'An anonymous submission can only use anonymous uploads',
  'files.upload.button': 'Attach files',
  'files.upload.hint': 'Up to {size} a file; images, PDF, Word, Excel and plain text are accepted',
  'files.upload.tooLarge': '"{name}" is too large; the limit is {size} a file',
  'files.upload.badType':
    '"{name}" is not an accepted type: upload an image, a PDF, Word (.docx), Excel (.xlsx) or plain text',
  'files.upload.failed': 'Could not upload "{name}": {reason}',
  'files.upload.tooMany': 'At most {max} attachments',
  'files.upload.remove': 'Remove',
  'files.list.empty': 'No attachments',
  'files.list.download': 'Download',
  'files.list.preview': 'Preview',
  'files.preview.title': 'Preview: {name}',
  'files.preview.close': 'Close',
};

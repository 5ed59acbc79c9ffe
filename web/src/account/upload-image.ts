// Uploads one image the way both media backends take it: a multipart form with the signed
// fields first, then the file (Cloudinary's direct upload, or our local /media/upload).
import { apiOrigin } from '../app/apollo/api-url';

/**
 * The embedded media store names the server by its PUBLIC_URL (say localhost), but the
 * browser may reach the same server under another name (127.0.0.1), where a post to the
 * other name is cross-origin: send it to the API origin this page already talks to.
 */
export function uploadTarget(uploadUrl: string): string {
  const url = new URL(uploadUrl, window.location.href);
  return url.pathname === '/media/upload' ? `${apiOrigin || window.location.origin}/media/upload` : url.toString();
}

export async function uploadImage(
  signature: { uploadUrl: string; fields: { name: string; value: string }[] },
  file: File,
): Promise<string> {
  const form = new FormData();
  for (const field of signature.fields) form.append(field.name, field.value);
  form.append('file', file);
  const response = await fetch(uploadTarget(signature.uploadUrl), { method: 'POST', body: form });
  const body = (await response.json().catch(() => ({}))) as { public_id?: string; error?: { message?: string } };
  if (!response.ok || !body.public_id) throw new Error(body.error?.message ?? 'The image was not uploaded; try a smaller JPEG or PNG');
  return body.public_id;
}

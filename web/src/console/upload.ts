// CSV upload through XMLHttpRequest, because fetch cannot report upload progress and a
// large file otherwise looks like a hung page. Problems come back in the console's language.
import { API, readResponse } from '../api/client';
import { offline } from '../api/problem';
import type { ImportResult } from '../api/types';
import { lang } from '../i18n';

export type UploadPhase = { phase: 'uploading'; percent: number } | { phase: 'processing' };

export interface UploadOptions {
  dryRun: boolean;
  /** Accept rows placed far from the other sites of their district. */
  confirmFar: boolean;
}

export function uploadCsv(
  file: File,
  options: UploadOptions,
  onProgress: (p: UploadPhase) => void,
): Promise<ImportResult> {
  const query = `lang=${lang()}${options.dryRun ? '&dry_run=true' : ''}${options.confirmFar ? '&confirm_far=true' : ''}`;
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `${API}/imports?${query}`);
    xhr.withCredentials = true;
    xhr.setRequestHeader('accept', 'application/json');
    xhr.upload.addEventListener('progress', (event) => {
      if (event.lengthComputable)
        onProgress({ phase: 'uploading', percent: Math.round((event.loaded / event.total) * 100) });
    });
    xhr.upload.addEventListener('load', () => onProgress({ phase: 'processing' }));
    xhr.addEventListener('load', () => {
      try {
        resolve(
          readResponse<ImportResult>(
            xhr.status,
            xhr.getResponseHeader('content-type') ?? '',
            xhr.responseText,
            xhr.getResponseHeader('retry-after'),
          ),
        );
      } catch (error) {
        reject(error);
      }
    });
    xhr.addEventListener('error', () => reject(offline()));
    const body = new FormData();
    body.append('file', file, file.name);
    xhr.send(body);
  });
}

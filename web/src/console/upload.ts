// CSV upload through XMLHttpRequest, because fetch cannot report upload progress and a
// large file otherwise looks like a hung page.
import { API, ApiError, readResponse } from './api';
import type { ImportResult } from './types';

export type UploadPhase = { phase: 'uploading'; percent: number } | { phase: 'processing' };

export function uploadCsv(file: File, dryRun: boolean, onProgress: (p: UploadPhase) => void): Promise<ImportResult> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `${API}/imports${dryRun ? '?dry_run=true' : ''}`);
    xhr.withCredentials = true;
    xhr.setRequestHeader('accept', 'application/json');
    xhr.upload.addEventListener('progress', (event) => {
      if (event.lengthComputable) onProgress({ phase: 'uploading', percent: Math.round((event.loaded / event.total) * 100) });
    });
    xhr.upload.addEventListener('load', () => onProgress({ phase: 'processing' }));
    xhr.addEventListener('load', () => {
      try {
        resolve(readResponse<ImportResult>(xhr.status, xhr.getResponseHeader('content-type') ?? '', xhr.responseText, xhr.getResponseHeader('retry-after')));
      } catch (error) {
        reject(error);
      }
    });
    xhr.addEventListener('error', () => reject(new ApiError(0, 'network')));
    const body = new FormData();
    body.append('file', file, file.name);
    xhr.send(body);
  });
}

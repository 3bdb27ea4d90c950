// A modal yes/no question in the console's own style (native <dialog>: focus is
// trapped, Escape answers "no").
import { el, uid } from './dom';

export function confirmDialog(title: string, message: string, yes: string, no: string): Promise<boolean> {
  return new Promise((resolve) => {
    const titleId = uid('dialog-title');
    const yesButton = el('button', { type: 'submit', value: 'yes', class: 'primary' }, yes);
    const noButton = el('button', { type: 'submit', value: 'no' }, no);
    const dialog = el(
      'dialog',
      { class: 'confirm', 'aria-labelledby': titleId },
      el(
        'form',
        { method: 'dialog' },
        el('h2', { id: titleId }, title),
        ...message.split('\n').map((line) => el('p', {}, line)),
        el('div', { class: 'buttons' }, yesButton, noButton),
      ),
    );
    dialog.addEventListener('close', () => {
      dialog.remove();
      resolve(dialog.returnValue === 'yes');
    });
    document.body.append(dialog);
    dialog.showModal();
    noButton.focus();
  });
}

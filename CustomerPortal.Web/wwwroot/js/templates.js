// Inserts text at the caret of a template field (replacing any selection) and returns the field's new text and caret.
export function insertAtCaret(selector, text) {
    const field = document.querySelector(selector);
    if (!field) return null;
    const start = field.selectionStart ?? field.value.length;
    const end = field.selectionEnd ?? start;
    return { value: field.value.slice(0, start) + text + field.value.slice(end), caret: start + text.length };
}

export function placeCaret(selector, caret) {
    const field = document.querySelector(selector);
    if (!field) return;
    field.focus();
    field.setSelectionRange(caret, caret);
}

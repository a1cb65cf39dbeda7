// The message composer's browser side: the unsent draft kept per thread in localStorage (it survives a reload), Enter to
// send (Shift+Enter for a new line; on touch screens Enter is a new line and the Send button sends), and keeping the
// message list scrolled to the newest message.
const draftKey = threadId => `cp-draft:${threadId}`;

function readDraft(threadId) {
    try { return localStorage.getItem(draftKey(threadId)) ?? ''; } catch { return ''; }
}

function writeDraft(threadId, text) {
    try {
        if (text) localStorage.setItem(draftKey(threadId), text);
        else localStorage.removeItem(draftKey(threadId));
    } catch { /* Storage full or switched off: the draft lives only in the page. */ }
}

export function attachComposer(textarea, threadId, dotnet) {
    const touch = window.matchMedia('(pointer: coarse)').matches;
    const onInput = () => writeDraft(threadId, textarea.value);
    const onKeyDown = e => {
        if (e.key !== 'Enter' || e.shiftKey || e.isComposing || touch) return;
        e.preventDefault();
        dotnet.invokeMethodAsync('SendFromKeyboard', textarea.value);
    };
    textarea.addEventListener('input', onInput);
    textarea.addEventListener('keydown', onKeyDown);

    const draft = readDraft(threadId);
    if (draft && !textarea.value) {
        textarea.value = draft;
        // Tells Blazor's binding about the restored text.
        textarea.dispatchEvent(new Event('input', { bubbles: true }));
    }
    return {
        clearDraft: () => writeDraft(threadId, ''),
        detach: () => {
            textarea.removeEventListener('input', onInput);
            textarea.removeEventListener('keydown', onKeyDown);
        },
    };
}

export function isVisible() {
    return document.visibilityState === 'visible';
}

// Calls back when the tab becomes visible again, so the thread can mark what is on screen as read.
export function watchVisibility(dotnet) {
    const onChange = () => {
        if (document.visibilityState === 'visible') dotnet.invokeMethodAsync('BecameVisible');
    };
    document.addEventListener('visibilitychange', onChange);
    return { dispose: () => document.removeEventListener('visibilitychange', onChange) };
}

// Keeps the list at its newest message unless the reader scrolled up to read older ones (or when asked: own message).
export function scrollToEnd(list, always) {
    if (!list) return;
    if (!list.dataset.follow) {
        list.addEventListener('scroll', () => {
            list.dataset.follow = list.scrollHeight - list.scrollTop - list.clientHeight < 40 ? 'yes' : 'no';
        }, { passive: true });
        list.dataset.follow = 'yes';
    }
    if (always || list.dataset.follow === 'yes') list.scrollTop = list.scrollHeight;
}

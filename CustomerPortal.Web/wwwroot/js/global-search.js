// The staff app bar search's browser side: "/" or Ctrl+K (Cmd+K) opens it from anywhere except while typing in another
// field, and the arrow keys move through the results instead of the caret.
const isTyping = el => el instanceof HTMLElement
    && (el.isContentEditable || el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT');

export function attach(input, dotnet) {
    // The box can be gone before the script loads (the layout re-rendered without it): nothing to attach to.
    if (!input) return { detach: () => { } };
    const onDocumentKeyDown = e => {
        const slash = e.key === '/' && !e.ctrlKey && !e.metaKey && !e.altKey;
        const ctrlK = (e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && e.key.toLowerCase() === 'k';
        if ((!slash && !ctrlK) || e.isComposing || isTyping(e.target)) return;
        e.preventDefault();
        // Hidden (a narrow screen shows only the icon): the component opens the full-width box and focuses it.
        if (input.offsetParent === null) dotnet.invokeMethodAsync('OpenFromShortcut');
        else { input.focus(); input.select(); }
    };
    const onInputKeyDown = e => {
        if (e.key === 'ArrowDown' || e.key === 'ArrowUp') e.preventDefault();
    };
    document.addEventListener('keydown', onDocumentKeyDown);
    input.addEventListener('keydown', onInputKeyDown);
    return {
        detach: () => {
            document.removeEventListener('keydown', onDocumentKeyDown);
            input.removeEventListener('keydown', onInputKeyDown);
        },
    };
}

export function scrollIntoView(id) {
    document.getElementById(id)?.scrollIntoView({ block: 'nearest' });
}

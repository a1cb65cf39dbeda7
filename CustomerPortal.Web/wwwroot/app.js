// The portal's side drawer on a page rendered without a circuit (the dashboard), or before its circuit starts: the
// layout renders a plain Menu button (data-cp-drawer-toggle) and this moves the same classes MudDrawer would.
(() => {
    const wide = () => window.matchMedia('(min-width: 960px)').matches; // MudBlazor's md breakpoint, where the drawer stays beside the page

    const parts = () => ({
        toggle: document.querySelector('[data-cp-drawer-toggle]'),
        drawer: document.querySelector('aside.mud-drawer'),
        layout: document.querySelector('.mud-layout'),
        overlay: document.querySelector('[data-cp-drawer-overlay]'),
    });

    // Rendered open on every screen; below md MudBlazor's CSS hides it until it has been opened ("initial").
    const isShown = ({ drawer }) => drawer.classList.contains('mud-drawer--open') && (wide() || !drawer.classList.contains('mud-drawer--initial'));

    function show(p, open) {
        p.drawer.classList.remove('mud-drawer--initial', open ? 'mud-drawer--closed' : 'mud-drawer--open');
        p.drawer.classList.add(open ? 'mud-drawer--open' : 'mud-drawer--closed');
        p.layout?.classList.replace(open ? 'mud-drawer-close-responsive-md-left' : 'mud-drawer-open-responsive-md-left',
            open ? 'mud-drawer-open-responsive-md-left' : 'mud-drawer-close-responsive-md-left');
        p.toggle.setAttribute('aria-expanded', String(open));
        p.overlay?.remove();
        if (open && !wide()) {
            const overlay = document.createElement('div');
            overlay.setAttribute('aria-hidden', 'true');
            overlay.setAttribute('data-cp-drawer-overlay', '');
            overlay.className = 'mud-overlay mud-drawer-overlay mud-overlay-drawer mud-drawer-pos-left mud-drawer-overlay--open mud-drawer-overlay-responsive mud-drawer-overlay-md mud-skip-overlay-positioning mud-skip-overlay-section';
            overlay.innerHTML = '<div class="mud-overlay-scrim mud-overlay-dark"></div>';
            p.drawer.after(overlay);
            p.drawer.querySelector('a')?.focus();
        }
    }

    document.addEventListener('click', e => {
        const p = parts();
        if (!p.toggle || !p.drawer) return;
        if (e.target.closest('[data-cp-drawer-toggle]')) show(p, !isShown(p));
        else if (e.target.closest('[data-cp-drawer-overlay]')) show(p, false);
    });

    document.addEventListener('keydown', e => {
        const p = parts();
        if (e.key === 'Escape' && p.toggle && p.drawer && !wide() && isShown(p)) {
            show(p, false);
            p.toggle.focus();
        }
    });
})();

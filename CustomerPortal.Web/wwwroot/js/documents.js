// Prints a PDF from a hidden frame so the customer gets the browser's print dialog without leaving the page.
export function printPdf(url) {
    const frame = document.createElement('iframe');
    frame.setAttribute('aria-hidden', 'true');
    frame.style.cssText = 'position:fixed;right:0;bottom:0;width:0;height:0;border:0;';
    frame.onload = () => {
        try {
            frame.contentWindow.focus();
            frame.contentWindow.print();
        } catch {
            window.open(url, '_blank', 'noopener');
        }
        setTimeout(() => frame.remove(), 60000);
    };
    frame.src = url;
    document.body.appendChild(frame);
}

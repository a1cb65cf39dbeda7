// The address the browser shows, which can be ahead of the circuit's when a link was followed while it started.
export function current() {
    return location.href;
}

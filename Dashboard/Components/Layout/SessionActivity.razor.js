// Tells the server, at most once per `everyMs`, that the user clicked or typed on this page.
let reference = null;
let last = 0;
let every = 60000;

function active() {
    const now = Date.now();
    if (reference === null || now - last < every) return;
    last = now;
    reference.invokeMethodAsync('Active').catch(() => { });
}

const events = ['pointerdown', 'keydown', 'wheel', 'touchstart'];

export function watch(dotNetReference, everyMs) {
    reference = dotNetReference;
    every = everyMs;
    last = Date.now();
    for (const name of events) document.addEventListener(name, active, { capture: true, passive: true });
}

export function stop() {
    for (const name of events) document.removeEventListener(name, active, { capture: true });
    reference = null;
}

// The meeting-room screen's 全屏 button: the browser's own full screen, which a page may only ask for on a click.
// A delegated listener rather than an inline handler, which the Content Security Policy (script-src 'self') forbids.
document.addEventListener('click', e => {
    if (!e.target.closest('[data-fullscreen]')) return;
    if (document.fullscreenElement) document.exitFullscreen();
    else document.documentElement.requestFullscreen?.();
});

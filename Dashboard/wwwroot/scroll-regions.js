// A table wider than the screen scrolls sideways; keyboard users must be able to reach it (WCAG 2.1.1), so a
// scrolling table container is made focusable and named, and stops being so when it fits again.
(() => {
    let pending = false;
    const mark = () => {
        pending = false;
        for (const box of document.querySelectorAll('.mud-table-container')) {
            const scrolls = box.scrollWidth > box.clientWidth + 1;
            if (scrolls && !box.hasAttribute('tabindex')) {
                box.setAttribute('tabindex', '0');
                box.setAttribute('role', 'region');
                box.setAttribute('aria-label', document.documentElement.lang === 'en' ? 'Table (scrolls sideways)' : '表格（可左右滚动）');
            } else if (!scrolls && box.getAttribute('tabindex') === '0') {
                box.removeAttribute('tabindex');
                box.removeAttribute('role');
                box.removeAttribute('aria-label');
            }
        }
    };
    const schedule = () => { if (!pending) { pending = true; requestAnimationFrame(mark); } };
    new MutationObserver(schedule).observe(document.documentElement, { childList: true, subtree: true });
    window.addEventListener('resize', schedule);
    schedule();
})();

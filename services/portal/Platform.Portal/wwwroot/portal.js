// What the portal asks the browser (JS interop): the person's time zone, so times show in it.
window.platformPortal = {
  timeZone: () => Intl.DateTimeFormat().resolvedOptions().timeZone || null,
};

// The skip link puts the keyboard focus on the main content. Blazor's router takes the link's click and only scrolls
// to #main, leaving the focus on the link; this listener runs first (capture phase) and moves the focus itself.
document.addEventListener('click', event => {
  const link = event.target instanceof Element ? event.target.closest('a.skip-link') : null;
  const main = link ? document.getElementById('main') : null;
  if (!main) return;
  event.preventDefault();
  main.focus();
  main.scrollIntoView();
}, true);

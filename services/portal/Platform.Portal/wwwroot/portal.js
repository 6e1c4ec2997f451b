// What the portal asks the browser (JS interop): the person's time zone, so times show in it.
window.platformPortal = {
  timeZone: () => Intl.DateTimeFormat().resolvedOptions().timeZone || null,
};

// The least an extension page can do to be "ready" as the popup is: load a module script and focus a box.
document.querySelector('input')?.focus();

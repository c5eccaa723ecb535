// The journey editor: a step button appends a sample of its step type to the steps, to be filled in.
document.addEventListener('click', (event) => {
  const button = event.target.closest('[data-step-example]');
  if (!button) {
    return;
  }
  const steps = document.getElementById('j-steps');
  let list;
  try {
    list = JSON.parse(steps.value || '[]');
  } catch (e) {
    steps.setCustomValidity(e.message);
    steps.reportValidity();
    return;
  }
  steps.setCustomValidity('');
  const step = JSON.parse(button.dataset.stepExample);
  const ids = new Set(list.map((s) => s.id));
  let id = step.id;
  for (let n = 2; ids.has(id); n++) {
    id = step.id + '-' + n;
  }
  step.id = id;
  list.push(step);
  steps.value = JSON.stringify(list, null, 2);
  steps.focus();
});

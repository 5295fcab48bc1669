/**
 * Pure Block Kit checks used by the Slack emulator: the limits Slack enforces when it validates `blocks` on
 * chat.* and `view` on views.*. Each problem is one string `<path>: <rule>`, where the path is written like
 * JavaScript (`blocks[2].elements[0].text`) and points at the offending value, e.g.
 * `blocks[2].elements[0].text: 80 characters (max 75)`.
 *
 * Limits come from Slack's Block Kit reference (docs.slack.dev/reference/block-kit). Checks are
 * deliberately a little stricter than "whatever Slack happens to accept" where Slack's docs are stricter.
 */

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export const LIMITS = {
  messageBlocks: 50,
  viewBlocks: 100,
  viewBytes: 250_000,
  viewTitle: 24,
  privateMetadata: 3000,
  id: 255,
  sectionText: 3000,
  sectionFields: 10,
  sectionField: 2000,
  headerText: 150,
  buttonText: 75,
  buttonValue: 2000,
  url: 3000,
  optionText: 75,
  optionValue: 150,
  optionDescription: 75,
  selectOptions: 100,
  choiceOptions: 10,
  overflowOptions: 5,
  actionsElements: 25,
  contextElements: 10,
  inputMaxLength: 3000,
  placeholder: 150,
  label: 2000,
  hint: 2000,
  altText: 2000,
  markdownText: 12_000,
  confirmTitle: 100,
  confirmText: 300,
  confirmButton: 30,
} as const;

const BLOCK_TYPES = new Set([
  'section',
  'divider',
  'header',
  'context',
  'actions',
  'input',
  'image',
  'rich_text',
  'markdown',
]);

const SINGLE_SELECTS = [
  'static_select',
  'external_select',
  'users_select',
  'conversations_select',
  'channels_select',
];
const MULTI_SELECTS = SINGLE_SELECTS.map((type) => `multi_${type}`);

// Which interactive elements each container accepts (Block Kit reference, "Works with block types").
const ACTIONS_ELEMENTS = new Set([
  'button',
  'checkboxes',
  'datepicker',
  'datetimepicker',
  'overflow',
  'radio_buttons',
  'timepicker',
  'workflow_button',
  ...SINGLE_SELECTS,
  ...MULTI_SELECTS,
]);
const SECTION_ACCESSORIES = new Set([
  'button',
  'checkboxes',
  'datepicker',
  'image',
  'overflow',
  'radio_buttons',
  'timepicker',
  'workflow_button',
  ...SINGLE_SELECTS,
  ...MULTI_SELECTS,
]);
const INPUT_ELEMENTS = new Set([
  'checkboxes',
  'datepicker',
  'datetimepicker',
  'email_text_input',
  'file_input',
  'number_input',
  'plain_text_input',
  'radio_buttons',
  'rich_text_input',
  'timepicker',
  'url_text_input',
  ...SINGLE_SELECTS,
  ...MULTI_SELECTS,
]);
const KNOWN_ELEMENTS = new Set([...ACTIONS_ELEMENTS, ...SECTION_ACCESSORIES, ...INPUT_ELEMENTS]);

type Container = 'actions' | 'section' | 'input';
const ALLOWED_IN: Record<Container, Set<string>> = {
  actions: ACTIONS_ELEMENTS,
  section: SECTION_ACCESSORIES,
  input: INPUT_ELEMENTS,
};

const CONTAINER_NAMES: Record<Container, string> = {
  actions: 'an actions block',
  section: 'a section accessory',
  input: 'an input block',
};

/** Collects `<path>: <rule>` strings. */
class Problems {
  readonly list: string[] = [];

  add(path: string, rule: string): void {
    this.list.push(`${path}: ${rule}`);
  }

  /** An optional string argument with a maximum length. */
  string(path: string, value: unknown, max: number, { required = false } = {}): void {
    if (value === undefined) {
      if (required) this.add(path, 'required');
      return;
    }
    if (typeof value !== 'string') return this.add(path, `must be a string (got ${typeName(value)})`);
    if (required && value.length === 0) return this.add(path, 'must not be empty');
    if (value.length > max) this.add(path, `${value.length} characters (max ${max})`);
  }

  /** A composition text object `{type: 'plain_text' | 'mrkdwn', text}`. */
  text(
    path: string,
    value: unknown,
    max: number,
    { plainOnly = false, required = false }: { plainOnly?: boolean; required?: boolean } = {},
  ): void {
    if (value === undefined) {
      if (required) this.add(path, 'required');
      return;
    }
    if (!isObject(value)) return this.add(path, `must be a text object (got ${typeName(value)})`);
    if (value.type !== 'plain_text' && value.type !== 'mrkdwn') {
      return this.add(
        path,
        `text object type must be plain_text or mrkdwn (got ${JSON.stringify(value.type)})`,
      );
    }
    if (plainOnly && value.type !== 'plain_text') this.add(path, `must be plain_text (got ${value.type})`);
    if (typeof value.text !== 'string') return this.add(path, 'text object needs a string `text`');
    // Slack rejects empty text objects ("must be more than 0 characters").
    if (value.text.length === 0) return this.add(path, 'empty text (min 1 character)');
    if (value.text.length > max) this.add(path, `${value.text.length} characters (max ${max})`);
  }
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  return Array.isArray(value) ? 'array' : typeof value;
}

/** Checks a message's `blocks` (chat.postMessage, chat.postEphemeral, chat.update). */
export function checkMessageBlocks(blocks: unknown): string[] {
  const problems = new Problems();
  checkBlockList(problems, 'blocks', blocks, LIMITS.messageBlocks);
  return problems.list;
}

/** Checks a modal (views.open/push/update) or Home tab (views.publish) view. */
export function checkView(view: unknown, kind: 'modal' | 'home'): string[] {
  const problems = new Problems();
  if (!isObject(view)) {
    problems.add('view', `must be an object (got ${typeName(view)})`);
    return problems.list;
  }
  const bytes = Buffer.byteLength(JSON.stringify(view), 'utf8');
  if (bytes > LIMITS.viewBytes) problems.add('view', `${bytes} bytes as JSON (max ${LIMITS.viewBytes})`);
  if (view.type !== kind) problems.add('view.type', `must be "${kind}" (got ${JSON.stringify(view.type)})`);

  if (kind === 'modal') {
    problems.text('view.title', view.title, LIMITS.viewTitle, { plainOnly: true, required: true });
    problems.text('view.submit', view.submit, LIMITS.viewTitle, { plainOnly: true });
    problems.text('view.close', view.close, LIMITS.viewTitle, { plainOnly: true });
    const hasInput = Array.isArray(view.blocks) && view.blocks.some((b) => isObject(b) && b.type === 'input');
    if (hasInput && view.submit === undefined) {
      problems.add('view.submit', 'required when the view has input blocks');
    }
    // A modal's blocks: "Required ... Minimum of 1" (a Home tab may be empty).
    if (Array.isArray(view.blocks) && view.blocks.length === 0) {
      problems.add('view.blocks', 'a modal needs at least 1 block');
    }
  } else {
    // Home tabs have no buttons of their own: submit and close belong to modals.
    if (view.submit !== undefined) problems.add('view.submit', 'a Home tab has no submit button');
    if (view.close !== undefined) problems.add('view.close', 'a Home tab has no close button');
  }
  problems.string('view.private_metadata', view.private_metadata, LIMITS.privateMetadata);
  problems.string('view.callback_id', view.callback_id, LIMITS.id);
  problems.string('view.external_id', view.external_id, LIMITS.id);
  if (view.blocks === undefined) problems.add('view.blocks', 'required');
  else checkBlockList(problems, 'view.blocks', view.blocks, LIMITS.viewBlocks);
  if (Array.isArray(view.blocks)) checkFocusOnLoad(problems, 'view.blocks', view.blocks);
  return problems.list;
}

/** "Only one element can be set to true": at most one `focus_on_load: true` in a whole view. */
function checkFocusOnLoad(problems: Problems, path: string, blocks: unknown[]): void {
  const focused: string[] = [];
  blocks.forEach((block, index) => {
    if (!isObject(block)) return;
    const blockPath = `${path}[${index}]`;
    const candidates: [string, unknown][] = [
      [`${blockPath}.accessory`, block.accessory],
      [`${blockPath}.element`, block.element],
      ...(Array.isArray(block.elements)
        ? block.elements.map((element, i): [string, unknown] => [`${blockPath}.elements[${i}]`, element])
        : []),
    ];
    for (const [elementPath, element] of candidates) {
      if (isObject(element) && element.focus_on_load === true) focused.push(elementPath);
    }
  });
  for (const elementPath of focused.slice(1)) {
    problems.add(
      `${elementPath}.focus_on_load`,
      `only one element in a view may have focus_on_load (${focused[0]} has it too)`,
    );
  }
}

function checkBlockList(problems: Problems, path: string, blocks: unknown, max: number): void {
  if (!Array.isArray(blocks)) return problems.add(path, `must be an array (got ${typeName(blocks)})`);
  if (blocks.length > max) problems.add(path, `${blocks.length} blocks (max ${max})`);
  // block_id must be unique within one message or view (Slack answers invalid_blocks / invalid_arguments).
  const blockIds = new Set<string>();
  blocks.forEach((block, index) => {
    const blockPath = `${path}[${index}]`;
    if (!isObject(block)) return problems.add(blockPath, `must be an object (got ${typeName(block)})`);
    problems.string(`${blockPath}.block_id`, block.block_id, LIMITS.id);
    if (typeof block.block_id === 'string') {
      if (blockIds.has(block.block_id)) {
        problems.add(`${blockPath}.block_id`, `duplicate block_id "${block.block_id}"`);
      }
      blockIds.add(block.block_id);
    }
    checkBlock(problems, blockPath, block);
  });
  // Markdown blocks share one budget: 12,000 characters in all of a message's or view's markdown blocks.
  const markdownLength = blocks
    .filter((block): block is Json => isObject(block) && block.type === 'markdown')
    .reduce((sum, block) => sum + (typeof block.text === 'string' ? block.text.length : 0), 0);
  if (markdownLength > LIMITS.markdownText) {
    problems.add(
      path,
      `markdown blocks hold ${markdownLength} characters in all (max ${LIMITS.markdownText})`,
    );
  }
}

function checkBlock(problems: Problems, path: string, block: Json): void {
  switch (block.type) {
    case 'section':
      return checkSection(problems, path, block);
    case 'divider':
      return;
    case 'header':
      return problems.text(`${path}.text`, block.text, LIMITS.headerText, {
        plainOnly: true,
        required: true,
      });
    case 'context':
      return checkContext(problems, path, block);
    case 'actions':
      return checkActions(problems, path, block);
    case 'input':
      return checkInput(problems, path, block);
    case 'image':
      return checkImageBlock(problems, path, block);
    case 'rich_text':
      if (!Array.isArray(block.elements)) problems.add(`${path}.elements`, 'required (an array)');
      return;
    case 'markdown':
      return problems.string(`${path}.text`, block.text, LIMITS.markdownText, { required: true });
    default:
      problems.add(
        `${path}.type`,
        `unknown block type ${JSON.stringify(block.type)} (known: ${[...BLOCK_TYPES].join(', ')})`,
      );
  }
}

function checkSection(problems: Problems, path: string, block: Json): void {
  if (block.text === undefined && block.fields === undefined) {
    problems.add(path, 'section needs text or fields');
  }
  problems.text(`${path}.text`, block.text, LIMITS.sectionText);
  if (block.fields !== undefined) {
    if (!Array.isArray(block.fields)) {
      problems.add(`${path}.fields`, `must be an array (got ${typeName(block.fields)})`);
    } else {
      if (block.fields.length > LIMITS.sectionFields) {
        problems.add(`${path}.fields`, `${block.fields.length} fields (max ${LIMITS.sectionFields})`);
      }
      block.fields.forEach((field, i) =>
        problems.text(`${path}.fields[${i}]`, field, LIMITS.sectionField, { required: true }),
      );
    }
  }
  if (block.accessory !== undefined) checkElement(problems, `${path}.accessory`, block.accessory, 'section');
}

function checkContext(problems: Problems, path: string, block: Json): void {
  const elements = block.elements;
  if (!Array.isArray(elements) || elements.length === 0) {
    return problems.add(`${path}.elements`, 'required (a non-empty array)');
  }
  if (elements.length > LIMITS.contextElements) {
    problems.add(`${path}.elements`, `${elements.length} elements (max ${LIMITS.contextElements})`);
  }
  elements.forEach((element, i) => {
    const elementPath = `${path}.elements[${i}]`;
    // Context blocks hold text objects and image elements only.
    if (isObject(element) && element.type === 'image') checkImageElement(problems, elementPath, element);
    else problems.text(elementPath, element, LIMITS.sectionText, { required: true });
  });
}

function checkActions(problems: Problems, path: string, block: Json): void {
  const elements = block.elements;
  if (!Array.isArray(elements) || elements.length === 0) {
    return problems.add(`${path}.elements`, 'required (a non-empty array)');
  }
  if (elements.length > LIMITS.actionsElements) {
    problems.add(`${path}.elements`, `${elements.length} elements (max ${LIMITS.actionsElements})`);
  }
  // action_id must be unique among the elements of one block.
  const actionIds = new Set<string>();
  elements.forEach((element, i) => {
    const elementPath = `${path}.elements[${i}]`;
    checkElement(problems, elementPath, element, 'actions');
    if (isObject(element) && typeof element.action_id === 'string') {
      if (actionIds.has(element.action_id)) {
        problems.add(`${elementPath}.action_id`, `duplicate action_id "${element.action_id}" in this block`);
      }
      actionIds.add(element.action_id);
    }
  });
}

function checkInput(problems: Problems, path: string, block: Json): void {
  problems.text(`${path}.label`, block.label, LIMITS.label, { plainOnly: true, required: true });
  problems.text(`${path}.hint`, block.hint, LIMITS.hint, { plainOnly: true });
  if (block.element === undefined) return problems.add(`${path}.element`, 'required');
  checkElement(problems, `${path}.element`, block.element, 'input');
}

function checkImageBlock(problems: Problems, path: string, block: Json): void {
  checkImageElement(problems, path, block);
  problems.text(`${path}.title`, block.title, LIMITS.altText, { plainOnly: true });
}

function checkImageElement(problems: Problems, path: string, image: Json): void {
  if (image.image_url === undefined && image.slack_file === undefined) {
    problems.add(path, 'image needs image_url or slack_file');
  }
  problems.string(`${path}.image_url`, image.image_url, LIMITS.url);
  problems.string(`${path}.alt_text`, image.alt_text, LIMITS.altText, { required: true });
}

function checkElement(problems: Problems, path: string, element: unknown, container: Container): void {
  if (!isObject(element)) return problems.add(path, `must be an object (got ${typeName(element)})`);
  const type = element.type;
  if (typeof type !== 'string' || !KNOWN_ELEMENTS.has(type)) {
    return problems.add(`${path}.type`, `unknown element type ${JSON.stringify(type)}`);
  }
  if (!ALLOWED_IN[container].has(type)) {
    problems.add(path, `${type} is not allowed in ${CONTAINER_NAMES[container]}`);
  }

  problems.string(`${path}.action_id`, element.action_id, LIMITS.id);
  problems.text(`${path}.placeholder`, element.placeholder, LIMITS.placeholder, { plainOnly: true });
  if (element.confirm !== undefined) checkConfirm(problems, `${path}.confirm`, element.confirm);

  switch (type) {
    case 'button':
    case 'workflow_button':
      problems.text(`${path}.text`, element.text, LIMITS.buttonText, { plainOnly: true, required: true });
      problems.string(`${path}.value`, element.value, LIMITS.buttonValue);
      problems.string(`${path}.url`, element.url, LIMITS.url);
      problems.string(`${path}.accessibility_label`, element.accessibility_label, LIMITS.buttonText);
      if (element.style !== undefined && element.style !== 'primary' && element.style !== 'danger') {
        problems.add(`${path}.style`, `must be primary or danger (got ${JSON.stringify(element.style)})`);
      }
      return;
    case 'static_select':
    case 'multi_static_select':
      return checkSelectOptions(problems, path, element);
    case 'radio_buttons':
    case 'checkboxes':
      // Radio buttons and checkboxes may use mrkdwn option text; selects and overflow menus may not.
      checkOptionList(problems, `${path}.options`, element.options, LIMITS.choiceOptions, false, {
        required: true,
      });
      return checkInitialOptions(
        problems,
        path,
        element,
        Array.isArray(element.options) ? element.options : [],
      );
    case 'overflow':
      // Only an overflow menu's options may carry a url.
      checkOptionList(problems, `${path}.options`, element.options, LIMITS.overflowOptions, true, {
        required: true,
        urlAllowed: true,
      });
      return;
    case 'datepicker':
      if (element.initial_date !== undefined && !isIsoDate(element.initial_date)) {
        problems.add(
          `${path}.initial_date`,
          `${JSON.stringify(element.initial_date)} is not a YYYY-MM-DD date`,
        );
      }
      return;
    case 'timepicker':
      if (
        element.initial_time !== undefined &&
        !(typeof element.initial_time === 'string' && /^([01]\d|2[0-3]):[0-5]\d$/.test(element.initial_time))
      ) {
        problems.add(`${path}.initial_time`, `${JSON.stringify(element.initial_time)} is not an HH:mm time`);
      }
      return;
    case 'plain_text_input':
      return checkTextInput(problems, path, element);
    case 'image':
      return checkImageElement(problems, path, element);
    case 'number_input':
      return checkNumberInput(problems, path, element);
    default:
      if (type.startsWith('multi_') && element.max_selected_items !== undefined) {
        if (!Number.isInteger(element.max_selected_items) || (element.max_selected_items as number) < 1) {
          problems.add(`${path}.max_selected_items`, 'must be an integer of at least 1');
        }
      }
  }
}

function checkTextInput(problems: Problems, path: string, element: Json): void {
  const { max_length: maxLength, min_length: minLength } = element;
  if (maxLength !== undefined && !isIntegerIn(maxLength, 1, LIMITS.inputMaxLength)) {
    problems.add(
      `${path}.max_length`,
      `${JSON.stringify(maxLength)} (must be an integer 1..${LIMITS.inputMaxLength})`,
    );
  }
  if (minLength !== undefined && !isIntegerIn(minLength, 0, LIMITS.inputMaxLength)) {
    problems.add(
      `${path}.min_length`,
      `${JSON.stringify(minLength)} (must be an integer 0..${LIMITS.inputMaxLength})`,
    );
  }
  if (typeof maxLength === 'number' && typeof minLength === 'number' && minLength > maxLength) {
    problems.add(`${path}.min_length`, `${minLength} is more than max_length ${maxLength}`);
  }
  problems.string(`${path}.initial_value`, element.initial_value, LIMITS.inputMaxLength);
}

/**
 * `min_value`, `max_value` and `initial_value` are numbers written as strings; min cannot be more than max, and
 * none may be a decimal unless `is_decimal_allowed`.
 */
function checkNumberInput(problems: Problems, path: string, element: Json): void {
  if (typeof element.is_decimal_allowed !== 'boolean') {
    problems.add(`${path}.is_decimal_allowed`, 'required (a boolean)');
  }
  const numbers: Partial<Record<'min_value' | 'max_value' | 'initial_value', number>> = {};
  for (const field of ['min_value', 'max_value', 'initial_value'] as const) {
    const value = element[field];
    if (value === undefined) continue;
    const fieldPath = `${path}.${field}`;
    if (typeof value !== 'string') {
      problems.add(fieldPath, `must be a string (got ${typeName(value)})`);
      continue;
    }
    const number = value.trim() === '' ? Number.NaN : Number(value);
    if (!Number.isFinite(number)) {
      problems.add(fieldPath, `${JSON.stringify(value)} is not a number`);
      continue;
    }
    if (element.is_decimal_allowed !== true && !Number.isInteger(number)) {
      problems.add(fieldPath, `${JSON.stringify(value)} is a decimal but is_decimal_allowed is not true`);
    }
    numbers[field] = number;
  }
  const { min_value: min, max_value: max } = numbers;
  if (min !== undefined && max !== undefined && min > max) {
    problems.add(`${path}.min_value`, `${min} is more than max_value ${max}`);
  }
}

function checkSelectOptions(problems: Problems, path: string, element: Json): void {
  const all: unknown[] = [];
  if (element.options !== undefined && element.option_groups !== undefined) {
    return problems.add(path, 'options and option_groups cannot both be given (use one)');
  }
  if (element.options !== undefined) {
    checkOptionList(problems, `${path}.options`, element.options, LIMITS.selectOptions, true);
    if (Array.isArray(element.options)) all.push(...element.options);
  } else if (element.option_groups !== undefined) {
    const groups = element.option_groups;
    if (!Array.isArray(groups)) return problems.add(`${path}.option_groups`, 'must be an array');
    if (groups.length > LIMITS.selectOptions) {
      problems.add(`${path}.option_groups`, `${groups.length} groups (max ${LIMITS.selectOptions})`);
    }
    groups.forEach((group, i) => {
      const groupPath = `${path}.option_groups[${i}]`;
      if (!isObject(group)) return problems.add(groupPath, 'must be an object');
      problems.text(`${groupPath}.label`, group.label, LIMITS.optionText, {
        plainOnly: true,
        required: true,
      });
      checkOptionList(problems, `${groupPath}.options`, group.options, LIMITS.selectOptions, true, {
        required: true,
      });
      if (Array.isArray(group.options)) all.push(...group.options);
    });
  } else {
    return problems.add(path, `${element.type} needs options or option_groups`);
  }
  checkInitialOptions(problems, path, element, all);
}

function checkOptionList(
  problems: Problems,
  path: string,
  options: unknown,
  max: number,
  plainOnly: boolean,
  { required = false, urlAllowed = false } = {},
): void {
  if (options === undefined) {
    if (required) problems.add(path, 'required');
    return;
  }
  if (!Array.isArray(options)) return problems.add(path, `must be an array (got ${typeName(options)})`);
  if (options.length === 0) problems.add(path, 'must not be empty');
  if (options.length > max) problems.add(path, `${options.length} options (max ${max})`);
  options.forEach((option, i) => checkOption(problems, `${path}[${i}]`, option, plainOnly, urlAllowed));
}

function checkOption(
  problems: Problems,
  path: string,
  option: unknown,
  plainOnly: boolean,
  urlAllowed: boolean,
): void {
  if (!isObject(option)) return problems.add(path, `must be an option object (got ${typeName(option)})`);
  problems.text(`${path}.text`, option.text, LIMITS.optionText, { plainOnly, required: true });
  problems.string(`${path}.value`, option.value, LIMITS.optionValue, { required: true });
  problems.text(`${path}.description`, option.description, LIMITS.optionDescription, { plainOnly });
  if (option.url !== undefined && !urlAllowed) {
    problems.add(`${path}.url`, 'only options in an overflow menu may have a url');
  } else {
    problems.string(`${path}.url`, option.url, LIMITS.url);
  }
}

// Slack rejects an initial_option(s) that is not exactly one of the element's options.
function checkInitialOptions(problems: Problems, path: string, element: Json, options: unknown[]): void {
  const initial: [string, unknown][] = [];
  if (element.initial_option !== undefined) initial.push([`${path}.initial_option`, element.initial_option]);
  if (Array.isArray(element.initial_options)) {
    element.initial_options.forEach((o, i) => initial.push([`${path}.initial_options[${i}]`, o]));
  }
  for (const [initialPath, option] of initial) {
    if (!isObject(option)) {
      problems.add(initialPath, 'must be an option object');
      continue;
    }
    const match = options.find((o) => isObject(o) && o.value === option.value);
    if (!isObject(match)) {
      problems.add(initialPath, `value ${JSON.stringify(option.value)} is not one of the options`);
    } else if (textOf(match.text) !== textOf(option.text)) {
      problems.add(initialPath, `text does not match the option with value ${JSON.stringify(option.value)}`);
    }
  }
}

function checkConfirm(problems: Problems, path: string, confirm: unknown): void {
  if (!isObject(confirm)) return problems.add(path, 'must be a confirmation dialog object');
  problems.text(`${path}.title`, confirm.title, LIMITS.confirmTitle, { plainOnly: true, required: true });
  problems.text(`${path}.text`, confirm.text, LIMITS.confirmText, { required: true });
  problems.text(`${path}.confirm`, confirm.confirm, LIMITS.confirmButton, {
    plainOnly: true,
    required: true,
  });
  problems.text(`${path}.deny`, confirm.deny, LIMITS.confirmButton, { plainOnly: true, required: true });
  if (confirm.style !== undefined && confirm.style !== 'primary' && confirm.style !== 'danger') {
    problems.add(`${path}.style`, `must be primary or danger (got ${JSON.stringify(confirm.style)})`);
  }
}

function textOf(value: unknown): unknown {
  return isObject(value) ? value.text : undefined;
}

function isIntegerIn(value: unknown, min: number, max: number): boolean {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;
}

function isIsoDate(value: unknown): boolean {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

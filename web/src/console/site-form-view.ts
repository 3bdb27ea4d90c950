// Create or edit a site: every field of the model, vocabularies as choices, fields of
// other kinds hidden, a map picker and a coordinate paste box that converts to WGS-84
// before saving. Handles the server's answers: far from the district (confirm and
// resend), stale version (show the current record, reapply), field errors.
import {
  ACCESSIBILITY,
  AMENITIES,
  COORD_PRECISIONS,
  ELDER_SERVICES,
  KINDS,
  type Kind,
  PARK_GRADES,
  PARK_TYPES,
  SOURCES,
  STATUSES,
} from '#core';
import { createSite, getSite, listSites, restoreSite, retireSite, updateSite } from '../api/console';
import { ApiError } from '../api/problem';
import type { Site, Street } from '../api/types';
import { fill, label } from '../i18n';
import { t } from '../i18n/console';
import { changesTable } from './changes-table';
import { confirmDialog } from './confirm-dialog';
import { errorText, type ViewContext } from './context';
import type { LngLat } from './coords';
import { el, replace } from './dom';
import {
  checkboxGroup,
  clearFieldErrors,
  type Option,
  selectField,
  showFieldErrors,
  termOptions,
  textField,
} from './fields';
import { diffSites } from './history-diff';
import { hoursField } from './hours-field';
import { positionInput } from './position-input';
import { hrefOf } from './routes';
import {
  appliesTo,
  checkValues,
  emptyValues,
  type FormValues,
  mergeEdits,
  toInput,
  toPatch,
  valuesOf,
} from './site-input';
import { formatValue } from './site-text';

/** The streets this user may put a site in, as options. Admins (no list) get every street. */
function streetOptions(all: Street[], mine: string[]): Option[] {
  const allowed = mine.length ? all.filter((s) => mine.includes(s.code)) : all;
  return allowed.map((s) => ({ value: s.code, text: `${s.district_name} ${s.name}` }));
}

const median = (xs: number[]) => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

/** Where a new site most likely goes: the median position of the office's live sites (one odd site does not move it). */
async function aroundOffice(): Promise<LngLat | null> {
  try {
    const live = (await listSites({})).data.filter((s) => s.status !== 'retired');
    if (!live.length) return null;
    return { lng: median(live.map((s) => s.lng)), lat: median(live.map((s) => s.lat)) };
  } catch {
    return null;
  }
}

/** The server's 422 for a position far from the district's other sites (resend with confirm_far). */
const isFarProblem = (error: ApiError) =>
  error.status === 422 &&
  (error.detail.includes('confirm_far') || error.invalidParams.some((p) => /\bfar\b/.test(p.reason)));

export async function siteFormView(ctx: ViewContext, id: number | null): Promise<void> {
  replace(ctx.main, el('p', {}, t().loading));
  let original: Site | null = null;
  let streets: Street[] = [];
  let around: LngLat | null = null;
  try {
    [original, streets, around] = await Promise.all([
      id === null ? null : getSite(id),
      ctx.streets(),
      id === null ? aroundOffice() : null,
    ]);
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) replace(ctx.main, el('p', { role: 'alert' }, t().not_found));
    else replace(ctx.main, el('p', { role: 'alert' }, errorText(error)));
    ctx.fail(error);
    return;
  }
  const options = streetOptions(streets, ctx.user.street_codes);
  render(ctx, original, original ? valuesOf(original) : emptyValues(options[0]?.value ?? ''), options, around);
}

function render(
  ctx: ViewContext,
  original: Site | null,
  values: FormValues,
  streets: Option[],
  around: LngLat | null,
): void {
  // Basic details
  const kind = selectField('kind', t().f_kind, termOptions(KINDS), values.kind);
  const name = textField('name', t().f_name, values.name, { required: true });
  const nameEn = textField('name_en', t().f_name_en, values.name_en);
  const address = textField('address', t().f_address, values.address);
  const street = selectField('street_code', t().f_street_code, streets, values.street_code);
  const externalId = textField('external_id', t().f_external_id, values.external_id);

  // Position: map, readout, paste box
  const where = positionInput(values.position, around);
  const precision = selectField(
    'coord_precision',
    t().f_coord_precision,
    termOptions(COORD_PRECISIONS),
    values.coord_precision,
  );

  // Services
  const phones = textField('phones', t().f_phones, values.phones, { multiline: true, autocomplete: 'off' });
  const hours = hoursField(values.opening_hours, values.follows_workday_calendar);
  const amenities = checkboxGroup('amenities', t().f_amenities, termOptions(AMENITIES), values.amenities);
  const elderServices = checkboxGroup(
    'elder_services',
    t().f_elder_services,
    termOptions(ELDER_SERVICES),
    values.elder_services,
  );
  const accessibility = checkboxGroup(
    'accessibility',
    t().f_accessibility,
    termOptions(ACCESSIBILITY),
    values.accessibility,
  );
  const beds = textField('beds', t().f_beds, values.beds, { inputmode: 'numeric' });
  const parkType = selectField('park_type', t().f_park_type, termOptions(PARK_TYPES), values.park_type, t().choose);
  const parkGrade = selectField(
    'park_grade',
    t().f_park_grade,
    termOptions(PARK_GRADES),
    values.park_grade,
    t().choose,
  );
  const area = textField('area_ha', t().f_area_ha, values.area_ha, { inputmode: 'decimal' });
  const operator = textField('operator', t().f_operator, values.operator);
  const description = textField('description', t().f_description, values.description, { multiline: true });

  // Source and status (retiring is its own action, not a status to pick here)
  const statusOptions = termOptions(STATUSES).filter((o) => o.value !== 'retired' || values.status === 'retired');
  const status = selectField('status', t().f_status, statusOptions, values.status);
  status.control.disabled = values.status === 'retired';
  const source = selectField('source', t().f_source, termOptions(SOURCES), values.source);
  const sourceUrl = textField('source_url', t().f_source_url, values.source_url, { type: 'url' });

  const kindOnly: [HTMLElement, Parameters<typeof appliesTo>[0]][] = [
    [elderServices.field, 'elder_services'],
    [beds.field, 'beds'],
    [parkType.field, 'park_type'],
    [parkGrade.field, 'park_grade'],
    [area.field, 'area_ha'],
  ];
  const showKindFields = () => {
    for (const [field, key] of kindOnly) field.hidden = !appliesTo(key, kind.control.value as Kind);
  };
  kind.control.addEventListener('change', showKindFields);
  // A new site follows the workday calendar by default when it is an elder-care centre.
  if (!original)
    kind.control.addEventListener('change', () => hours.defaultFollows(kind.control.value === 'elder_care'));
  showKindFields();

  const message = el('div', { class: 'form-message', role: 'alert' });
  const conflict = el('section', { class: 'conflict card', hidden: true, 'aria-labelledby': 'conflict-title' });
  const save = el('button', { type: 'submit', class: 'primary', disabled: values.status === 'retired' }, t().save);
  const form = el(
    'form',
    { class: 'site-form', novalidate: true },
    el(
      'fieldset',
      {},
      el('legend', {}, t().section_basic),
      kind.field,
      name.field,
      nameEn.field,
      address.field,
      street.field,
      externalId.field,
    ),
    el(
      'fieldset',
      {},
      el('legend', {}, t().section_position),
      el('div', { class: 'position-grid' }, where.map, el('div', {}, where.paste, precision.field)),
    ),
    el(
      'fieldset',
      {},
      el('legend', {}, t().section_service),
      phones.field,
      hours.field,
      hours.followsField,
      amenities.field,
      accessibility.field,
      elderServices.field,
      beds.field,
      parkType.field,
      parkGrade.field,
      area.field,
      operator.field,
      description.field,
    ),
    el('fieldset', {}, el('legend', {}, t().section_source), status.field, source.field, sourceUrl.field),
    message,
    el('div', { class: 'buttons' }, save, el('a', { class: 'button', href: hrefOf({ view: 'sites' }) }, t().cancel)),
  );

  const collect = (): FormValues => ({
    external_id: externalId.control.value,
    kind: kind.control.value as Kind,
    name: name.control.value,
    name_en: nameEn.control.value,
    address: address.control.value,
    street_code: street.control.value,
    position: where.position(),
    coord_precision: precision.control.value as FormValues['coord_precision'],
    phones: phones.control.value,
    opening_hours: hours.control.value,
    follows_workday_calendar: hours.follows(),
    amenities: amenities.values() as FormValues['amenities'],
    elder_services: elderServices.values() as FormValues['elder_services'],
    accessibility: accessibility.values() as FormValues['accessibility'],
    beds: beds.control.value,
    park_type: parkType.control.value as FormValues['park_type'],
    park_grade: parkGrade.control.value as FormValues['park_grade'],
    area_ha: area.control.value,
    operator: operator.control.value,
    description: description.control.value,
    status: status.control.value as FormValues['status'],
    source: source.control.value as FormValues['source'],
    source_url: sourceUrl.control.value,
  });

  const LOCAL_REASONS = { required: 'required', number: 'not_a_number', position: 'position_required' } as const;

  const submit = async (confirmFar: boolean): Promise<void> => {
    const current = collect();
    const local = checkValues(current);
    clearFieldErrors(form);
    message.textContent = '';
    if (local.length || !current.position) {
      showFieldErrors(
        form,
        local.map((p) => ({ name: p.name, reason: t()[LOCAL_REASONS[p.reason]] })),
      );
      message.textContent = t().fix_fields;
      form.querySelector<HTMLElement>('[aria-invalid="true"], .invalid button')?.focus();
      return;
    }
    const input = toInput(current, current.position);
    save.disabled = true;
    save.textContent = t().saving;
    try {
      const far = confirmFar ? { confirm_far: true } : {};
      const saved = original
        ? await updateSite(original.id, { ...toPatch(original, input), ...far })
        : await createSite({ ...input, ...far });
      ctx.announce(fill(t()[original ? 'saved' : 'created'], { name: saved.name }));
      where.destroy();
      if (original) render(ctx, saved, valuesOf(saved), streets, null);
      else ctx.go({ view: 'edit-site', id: saved.id });
    } catch (error) {
      await answer(error);
    } finally {
      save.disabled = current.status === 'retired';
      save.textContent = t().save;
    }
  };

  const answer = async (error: unknown): Promise<void> => {
    if (!(error instanceof ApiError) || error.status === 0 || error.status === 401 || error.status >= 500) {
      message.textContent = errorText(error);
      ctx.fail(error);
      return;
    }
    if (isFarProblem(error)) {
      const yes = await confirmDialog(
        t().far_title,
        fill(t().far_confirm, { detail: error.detail }),
        t().far_yes,
        t().far_no,
      );
      if (yes) await submit(true);
      return;
    }
    if (error.status === 409 && error.current && original) {
      showConflict(error.current);
      return;
    }
    const unplaced = showFieldErrors(form, error.invalidParams);
    const lines = [
      error.status === 403
        ? fill(t().forbidden, { detail: error.detail })
        : error.invalidParams.length
          ? t().fix_fields
          : errorText(error),
      ...unplaced,
    ];
    replace(message, ...lines.map((line) => el('p', {}, line)));
    form.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  };

  /** 409: someone else saved first. Show what they changed; the user's edits stay in the form. */
  const showConflict = (current: Site) => {
    if (!original) return;
    const site = original;
    const theirs = diffSites(site, current, formatValue);
    const reapply = el('button', { type: 'button', class: 'primary' }, t().reapply);
    reapply.addEventListener('click', () => {
      // The editor's own changes over the current record; they check the result and save.
      const merged = mergeEdits(valuesOf(site), collect(), valuesOf(current));
      where.destroy();
      render(ctx, current, merged, streets, null);
      ctx.announce(t().reapplied);
    });
    replace(
      conflict,
      el('h3', { id: 'conflict-title' }, fill(t().conflict_current, { version: current.version })),
      el('p', {}, t().conflict),
      changesTable(theirs),
      reapply,
    );
    conflict.hidden = false;
    conflict.scrollIntoView({ block: 'start' });
    reapply.focus();
  };

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void submit(false);
  });

  // Retire / restore / history, for an existing site
  let actions: HTMLElement | null = null;
  if (original) {
    const site = original;
    const retired = site.status === 'retired';
    const toggle = el(
      'button',
      { type: 'button', class: retired ? 'primary' : 'danger' },
      t()[retired ? 'restore' : 'retire'],
    );
    toggle.addEventListener('click', async () => {
      if (
        !retired &&
        !(await confirmDialog(t().retire, fill(t().retire_confirm, { name: site.name }), t().retire, t().keep_site))
      )
        return;
      toggle.disabled = true;
      try {
        const changed = retired ? await restoreSite(site.id) : await retireSite(site.id);
        ctx.announce(fill(t()[retired ? 'restored_done' : 'retired_done'], { name: changed.name }));
        where.destroy();
        render(ctx, changed, valuesOf(changed), streets, null);
      } catch (error) {
        toggle.disabled = false;
        message.textContent = errorText(error);
        ctx.fail(error);
      }
    });
    actions = el(
      'div',
      { class: 'site-actions' },
      toggle,
      el('a', { class: 'button', href: hrefOf({ view: 'history', id: site.id }) }, t().history),
    );
  }

  const statusNote =
    original?.status === 'retired'
      ? el(
          'p',
          { class: 'retired-note' },
          el('span', { class: 'badge warn' }, label(STATUSES, 'retired')),
          ' ',
          t().retired_note,
        )
      : null;
  replace(
    ctx.main,
    el('h2', {}, original ? fill(t().edit_site_title, { name: original.name }) : t().new_site_title),
    statusNote,
    actions,
    conflict,
    form,
  );
  where.mount();
}

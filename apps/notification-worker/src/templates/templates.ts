import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Handlebars from 'handlebars';
import { type TemplateModels, type TemplateName } from './models';
import { describePayment, formatMoney } from './money';

type CompileOptions = Parameters<typeof Handlebars.compile>[1];

/** Every mail the worker sends, one folder of templates/ each (the compiler checks none is missing). */
const TEMPLATES: Record<TemplateName, true> = {
  welcome: true,
  'verify-email': true,
  'order-confirmed': true,
  'payment-failed': true,
  'order-cancelled': true,
  'order-cancelled-refunded': true,
  'refund-issued': true,
  'order-fulfilled': true,
  'order-expired': true,
};
export const TEMPLATE_NAMES = Object.keys(TEMPLATES) as TemplateName[];

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

type Compiled = Record<keyof RenderedMail, Handlebars.TemplateDelegate>;

interface Environment {
  compile(source: string): Handlebars.TemplateDelegate;
}

/** A Handlebars instance with the helpers and partials; `compile` parses at once (errors show at start). */
function environment(dir: string, options: CompileOptions): Environment {
  const hbs = Handlebars.create();
  hbs.registerHelper('money', (cents: number, currency: string) => formatMoney(cents, currency));
  hbs.registerHelper('paidWith', describePayment);
  const partials = path.join(dir, 'partials');
  for (const file of readdirSync(partials).filter((f) => f.endsWith('.hbs')))
    hbs.registerPartial(path.basename(file, '.hbs'), readFileSync(path.join(partials, file), 'utf8'));
  return {
    compile(source) {
      hbs.parse(source);
      return hbs.compile(source, { ...options, strict: true });
    },
  };
}

/**
 * templates/ beside the bundled main.js (the build copies it there), or the app's own folder when
 * running from source (tsx, jest).
 */
export function templatesDir(): string {
  const candidates = [path.join(__dirname, 'templates'), path.resolve(__dirname, '../../templates')];
  const found = candidates.find((dir) => existsSync(path.join(dir, 'partials')));
  if (!found) throw new Error(`mail templates not found (looked in ${candidates.join(', ')})`);
  return found;
}

/**
 * The mail templates, compiled once at start (a missing or broken file fails the start, not a mail).
 * HTML parts escape every value; subject and text parts are plain text, so they do not.
 */
export class Templates {
  private constructor(private readonly compiled: Map<TemplateName, Compiled>) {}

  static load(dir = templatesDir()): Templates {
    // two environments: a partial is compiled once, with the options of its first caller, so the
    // plain-text one (noEscape) and the HTML one (escaping) must not share their partials
    const html = environment(dir, {});
    const plain = environment(dir, { noEscape: true });
    const compiled = new Map<TemplateName, Compiled>();
    for (const name of TEMPLATE_NAMES) {
      const read = (part: string) => readFileSync(path.join(dir, name, `${part}.hbs`), 'utf8');
      compiled.set(name, {
        subject: plain.compile(read('subject')),
        text: plain.compile(read('text')),
        html: html.compile(read('html')),
      });
    }
    return new Templates(compiled);
  }

  render<T extends TemplateName>(name: T, model: TemplateModels[T]): RenderedMail {
    const parts = this.compiled.get(name);
    if (!parts) throw new Error(`no template ${name}`);
    return {
      subject: parts.subject(model).replace(/\s+/g, ' ').trim(),
      text:
        parts
          .text(model)
          .replace(/\n{3,}/g, '\n\n')
          .trim() + '\n',
      html: parts.html(model),
    };
  }
}

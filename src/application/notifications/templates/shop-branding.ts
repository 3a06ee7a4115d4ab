import { escapeHtml } from './html.js';

/** Whose emails these are: the SHOP_NAME, SHOP_URL and SUPPORT_EMAIL settings. */
export interface ShopBranding {
  readonly name: string;
  /** The shop's public site (http/https), linked from every email. */
  readonly url?: string | undefined;
  /** Where customers write with questions; every email says so when it is set. */
  readonly supportEmail?: string | undefined;
}

/** SHOP_NAME's default, and the branding of a DeliverEvent wired without any. */
export const DEFAULT_SHOP: ShopBranding = { name: 'Orders' };

/** The closing lines of every plain-text email. */
export const signatureText = (shop: ShopBranding): string => {
  const lines = [`— The ${shop.name} team`];
  if (shop.url) lines.push(shop.url);
  if (shop.supportEmail) lines.push('', `Questions? Write to ${shop.supportEmail}.`);
  return lines.join('\n');
};

/** The closing paragraphs of every HTML email; every value is escaped. */
export const signatureHtml = (shop: ShopBranding): string => {
  const site = shop.url ? `<br><a href="${escapeHtml(shop.url)}">${escapeHtml(shop.url)}</a>` : '';
  const support = shop.supportEmail
    ? `\n<p style="color: #666; font-size: 90%;">Questions? Write to <a href="mailto:${escapeHtml(shop.supportEmail)}">${escapeHtml(shop.supportEmail)}</a>.</p>`
    : '';
  return `<p>— The ${escapeHtml(shop.name)} team${site}</p>${support}`;
};

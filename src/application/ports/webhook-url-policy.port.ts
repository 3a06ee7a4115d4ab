/**
 * Where webhooks may be sent (the SSRF policy): http(s) only, and never to an address inside
 * the service's own network unless the operator allows it.
 */
export interface WebhookUrlPolicy {
  /** The URL as it will be stored (normalised); throws a `validation.invalid` DomainError at `/url` when refused. */
  check(url: string): Promise<string>;
}

/** What a template produces: the parts of an email that depend on the event. */
export interface RenderedEmail {
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}

import { beforeEach, describe, expect, it } from 'vitest';
import { DeliverEvent } from '../../../src/application/notifications/deliver-event.use-case.js';
import type { DomainEvent } from '../../../src/domain/shared/domain-event.js';
import { productArchivedEvent, stockLowEvents } from '../../../src/domain/catalog/product-events.js';
import { Email } from '../../../src/domain/users/email.value-object.js';
import { InMemoryMailer } from '../../../src/infrastructure/in-memory/in-memory-mailer.js';
import { inMemoryRepositories } from '../../../src/infrastructure/in-memory/in-memory-repositories.js';
import { emptyStore } from '../../../src/infrastructure/in-memory/in-memory-store.js';
import { InMemoryUnitOfWork } from '../../../src/infrastructure/in-memory/in-memory-unit-of-work.js';
import { ResetTokenIssuer } from '../../../src/application/users/reset-token-issuer.js';
import { RandomSecretTokens } from '../../../src/infrastructure/security/random-secret-tokens.js';
import { Order } from '../../../src/domain/orders/order.aggregate.js';
import { anOrder } from '../../support/mothers/order.mother.js';
import { aProduct } from '../../support/mothers/product.mother.js';
import { aUser } from '../../support/mothers/user.mother.js';

const NOW = new Date('2025-03-01T10:00:00.000Z');

describe('DeliverEvent', () => {
  let mailer: InMemoryMailer;
  let uow: InMemoryUnitOfWork;
  let deliver: DeliverEvent;
  const customer = aUser().withEmail('first@example.com').build();

  beforeEach(async () => {
    mailer = new InMemoryMailer();
    uow = new InMemoryUnitOfWork({ current: emptyStore() }, inMemoryRepositories);
    await uow.run((tx) => tx.users.insert(customer));
    deliver = new DeliverEvent({ uow, mailer, messageIdDomain: 'mail.example.test' });
  });

  const confirmedOrderEvent = (): DomainEvent => {
    const tea = aProduct().withName('Tea').withPrice('2.50', 'USD').build();
    const order = anOrder().ownedBy(customer.id).withItem(tea, 4).build();
    order.confirm(NOW);
    const [event] = order.pullEvents();
    if (!event) throw new Error('confirm raised no event');
    return event;
  };

  it("the password emails come from the shop too: SHOP_NAME in the text, its site and support address (the changed email says 'contact us')", async () => {
    const shop = { name: 'Café Zoë', url: 'https://zoe.example', supportEmail: 'help@zoe.example' };
    const clock = { now: () => NOW };
    const branded = new DeliverEvent({ uow, mailer, messageIdDomain: 'mail.example.test', shop, resetTokens: new ResetTokenIssuer({ uow, secrets: new RandomSecretTokens(), clock }) });
    const changed: DomainEvent = { type: 'PasswordChanged', occurredAt: NOW, aggregateId: customer.id, payload: { userId: customer.id, email: 'first@example.com', how: 'changed' } };
    const reset: DomainEvent = { type: 'PasswordResetRequested', occurredAt: NOW, aggregateId: 'first@example.com', payload: { email: 'first@example.com' } };
    expect(await branded.execute({ eventId: 'evt-pc', event: changed })).toBe('sent');
    expect(await branded.execute({ eventId: 'evt-pr', event: reset })).toBe('sent');
    expect(mailer.sent).toHaveLength(2);
    for (const mail of mailer.sent) {
      expect(`${mail.subject}\n${mail.text}`).toContain('Café Zoë');
      expect(mail.text).toContain('— The Café Zoë team');
      expect(mail.text).toContain('https://zoe.example');
      expect(mail.text).toContain('Questions? Write to help@zoe.example.');
      expect(mail.text).not.toMatch(/Orders (team|account|password)/);
      expect(mail.html).toContain('<a href="mailto:help@zoe.example">help@zoe.example</a>');
    }
    expect(mailer.sent[1]?.text).toMatch(/^Reset token: \S+$/m);
  });

  it('welcomes a new user at the registered address, with a Message-ID derived from the event id', async () => {
    const event: DomainEvent = { type: 'UserRegistered', occurredAt: NOW, aggregateId: 'u1', payload: { userId: 'u1', email: 'new@example.com' } };
    expect(await deliver.execute({ eventId: 'evt-1', event })).toBe('sent');
    expect(mailer.sent).toHaveLength(1);
    expect(mailer.sent[0]).toMatchObject({ to: 'new@example.com', messageId: '<evt-1@mail.example.test>' });
    expect(mailer.sent[0]?.subject).toMatch(/welcome/i);
  });

  it("sends an order confirmation to the customer's current address with the order's items and total", async () => {
    await uow.run(async (tx) => {
      const user = await tx.users.findById(customer.id);
      user?.changeEmail(Email.parse('moved@example.com'), NOW);
      if (user) await tx.users.update(user);
    });
    const event = confirmedOrderEvent();
    await deliver.execute({ eventId: 'evt-2', event });
    const [mail] = mailer.sent;
    expect(mail?.to).toBe('moved@example.com');
    expect(mail?.subject).toContain(event.aggregateId);
    expect(mail?.subject).toMatch(/confirmed/i);
    expect(mail?.text).toContain('Tea × 4 at $2.50 = $10.00');
    expect(mail?.text).toContain('Total: $10.00');
    expect(mail?.html).toContain('$10.00');
    expect(mail?.messageId).toBe('<evt-2@mail.example.test>');
  });

  it("signs every email with the shop it was given (SHOP_*), and as 'Orders' without one", async () => {
    const shop = { name: 'Café Zoë 東京', url: 'https://zoe.example', supportEmail: 'help@zoe.example' };
    const branded = new DeliverEvent({ uow, mailer, messageIdDomain: 'mail.example.test', shop });
    const welcome: DomainEvent = { type: 'UserRegistered', occurredAt: NOW, aggregateId: 'u1', payload: { userId: 'u1', email: 'new@example.com' } };
    await branded.execute({ eventId: 'evt-w', event: welcome });
    await branded.execute({ eventId: 'evt-c', event: confirmedOrderEvent() });
    await deliver.execute({ eventId: 'evt-d', event: welcome });
    const [welcomed, confirmed, unbranded] = mailer.sent;
    expect(welcomed?.subject).toBe('Welcome to Café Zoë 東京');
    expect(confirmed?.subject).toContain('Café Zoë 東京');
    for (const mail of [welcomed, confirmed]) {
      expect(mail?.text).toContain('https://zoe.example');
      expect(mail?.text).toContain('help@zoe.example');
    }
    expect(unbranded?.subject).toBe('Welcome to Orders');
  });

  it('sends a cancellation notice to the customer', async () => {
    const order = anOrder().ownedBy(customer.id).withItem(aProduct().build(), 1).confirmed().build();
    order.cancel(NOW);
    const [event] = order.pullEvents();
    await deliver.execute({ eventId: 'evt-3', event: event as DomainEvent });
    expect(mailer.sent[0]?.to).toBe('first@example.com');
    expect(mailer.sent[0]?.subject).toMatch(/cancelled/i);
  });

  it('tells the customer their order shipped, naming the order and the tracking number', async () => {
    const order = anOrder().ownedBy(customer.id).withItem(aProduct().build(), 1).confirmed().build();
    order.ship({ carrier: 'DHL', trackingNumber: 'JD014600006281230704' }, NOW);
    const [event] = order.pullEvents();
    expect(await deliver.execute({ eventId: 'evt-5', event: event as DomainEvent })).toBe('sent');
    expect(mailer.sent[0]?.to).toBe('first@example.com');
    expect(mailer.sent[0]?.subject).toContain(order.id);
    expect(mailer.sent[0]?.text).toContain('Tracking number: JD014600006281230704');
    expect(mailer.sent[0]?.messageId).toBe('<evt-5@mail.example.test>');
  });

  it('sends nothing for OrderCreated and OrderDelivered (they are for webhooks and metrics)', async () => {
    const order = anOrder().ownedBy(customer.id).withItem(aProduct().build(), 1).confirmed().build();
    order.ship({}, NOW);
    order.deliver(NOW);
    const created = anOrderCreatedEvent();
    const [, delivered] = order.pullEvents();
    expect(delivered?.type).toBe('OrderDelivered');
    expect(await deliver.execute({ eventId: 'evt-6', event: delivered as DomainEvent })).toBe('skipped');
    expect(await deliver.execute({ eventId: 'evt-7', event: created })).toBe('skipped');
    expect(mailer.sent).toEqual([]);
  });

  const anOrderCreatedEvent = (): DomainEvent => {
    const order = Order.create({ id: 'o-new', customerId: customer.id, now: NOW });
    const [event] = order.pullEvents();
    if (event?.type !== 'OrderCreated') throw new Error('create raised no OrderCreated');
    return event;
  };

  it('skips an event that has no email, sending nothing', async () => {
    const event: DomainEvent = { type: 'ProductCreated', occurredAt: NOW, aggregateId: 'p1', payload: {} };
    expect(await deliver.execute({ eventId: 'evt-4', event })).toBe('skipped');
    expect(mailer.sent).toEqual([]);
  });

  it('skips the catalog events (ProductArchived, StockLow): the webhooks consume them, no email', async () => {
    const archived = productArchivedEvent(aProduct().build(), NOW);
    const [low] = stockLowEvents([{ productId: 'p1', sku: 'S', name: 'N', stockBefore: 9, stockAfter: 2 }], 5, NOW);
    expect(await deliver.execute({ eventId: 'evt-5', event: archived })).toBe('skipped');
    expect(await deliver.execute({ eventId: 'evt-6', event: low as DomainEvent })).toBe('skipped');
    expect(mailer.sent).toEqual([]);
  });

  it('fails, sending nothing, when the customer does not exist', async () => {
    const order = anOrder().ownedBy('nobody').withItem(aProduct().build(), 1).build();
    order.confirm(NOW);
    const [event] = order.pullEvents();
    await expect(deliver.execute({ eventId: 'evt-5', event: event as DomainEvent })).rejects.toThrow(/no user nobody/);
    expect(mailer.sent).toEqual([]);
  });

  it("lets the mailer's failure through, so the dispatcher retries", async () => {
    mailer.failNext();
    await expect(deliver.execute({ eventId: 'evt-6', event: confirmedOrderEvent() })).rejects.toThrow(/unavailable/);
    expect(mailer.sent).toEqual([]);
  });

  it('a reset request delivered by a DeliverEvent wired without a reset token issuer fails loudly, saying what is missing', async () => {
    const reset: DomainEvent = { type: 'PasswordResetRequested', occurredAt: NOW, aggregateId: 'first@example.com', payload: { email: 'first@example.com' } };
    await expect(deliver.execute({ eventId: 'evt-pr', event: reset })).rejects.toThrow(/no reset token issuer wired/);
    expect(mailer.sent).toEqual([]);
  });
});

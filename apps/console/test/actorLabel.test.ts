import { describe, expect, it } from 'vitest';
import { actorLabel } from '../src/components/actorLabel';

describe('actorLabel', () => {
  it('shows staff by e-mail and API keys by name, with their kind', () => {
    expect(actorLabel('staff:sam.support@spine-staff.dev')).toEqual({ name: 'sam.support@spine-staff.dev', kind: 'Staff' });
    expect(actorLabel('api-key:Shopify sync')).toEqual({ name: 'Shopify sync', kind: 'API key' });
    expect(actorLabel('cli:deploy')).toEqual({ name: 'deploy', kind: 'Command line' });
    expect(actorLabel('import:/data/events-2025.jsonl')).toEqual({ name: '/data/events-2025.jsonl', kind: 'Import' });
  });

  it('keeps everything after the first colon: names may have colons of their own', () => {
    expect(actorLabel('api-key:crm:eu-west')).toEqual({ name: 'crm:eu-west', kind: 'API key' });
  });

  it('names the system’s own actors', () => {
    expect(actorLabel('admin-token')).toEqual({ name: 'Admin token', kind: 'System' });
    expect(actorLabel('identity-resolution')).toEqual({ name: 'Identity resolution', kind: 'System' });
    expect(actorLabel('demo-seed')).toEqual({ name: 'Demo data', kind: 'Import' });
    expect(actorLabel('anonymous')).toEqual({ name: 'Anonymous', kind: null });
  });

  it('keeps an actor it does not know: an unknown prefix becomes the kind, anything else stays as it is', () => {
    expect(actorLabel('scheduled_job:ltv-recompute')).toEqual({ name: 'ltv-recompute', kind: 'Scheduled job' });
    expect(actorLabel('someone')).toEqual({ name: 'someone', kind: null });
    expect(actorLabel(':odd')).toEqual({ name: ':odd', kind: null });
    expect(actorLabel('odd:')).toEqual({ name: 'odd:', kind: null });
    expect(actorLabel('')).toEqual({ name: '', kind: null });
    expect(actorLabel('constructor')).toEqual({ name: 'constructor', kind: null });
    expect(actorLabel('toString:x')).toEqual({ name: 'x', kind: 'ToString' });
  });
});

import { DateTime } from '../../../components/DateTime';
import { type FragmentType, getFragmentData, graphql } from '../../../gql';
import type { IdentityLinks_IdentityFragment } from '../../../gql/graphql';
import { linkReason, unlinkedReason } from './identityLinkReason';
import './IdentityLinks.css';

export const IdentityLinksFragment = graphql(`
  fragment IdentityLinks_identity on Identity {
    kind
    value
    metadata
    links {
      provider
      externalId
      rule
      linkedAt
    }
  }
`);

type Link = IdentityLinks_IdentityFragment['links'][number];

/**
 * Why an identifier belongs to this person: the record that brought it and the rule that linked it
 * (the first link, the way it came in), any later links behind a disclosure.
 */
export function IdentityLinks(props: { identity: FragmentType<typeof IdentityLinksFragment> }) {
  const identity = getFragmentData(IdentityLinksFragment, props.identity);
  const [first, ...later] = identity.links;

  if (!first) {
    const { reason, detail, unknown } = unlinkedReason(identity);
    return (
      <div className="identity-links">
        <span className={unknown ? 'link-reason muted' : 'link-reason'}>{reason}</span>
        {detail && (
          <>
            {' '}
            <span className="link-detail muted small">{detail}</span>
          </>
        )}
      </div>
    );
  }
  return (
    <div className="identity-links">
      <LinkLine link={first} />
      {later.length > 0 && (
        <details className="link-more">
          <summary className="small">
            {later.length} more {later.length === 1 ? 'link' : 'links'}
            <span className="visually-hidden"> for {identity.kind === 'ADDRESS_HASH' ? 'the address hash' : identity.value}</span>
          </summary>
          <ol className="plain-list">
            {later.map((link) => (
              <li key={`${link.provider}:${link.externalId}:${link.rule}:${link.linkedAt}`}>
                <LinkLine link={link} />
              </li>
            ))}
          </ol>
        </details>
      )}
    </div>
  );
}

function LinkLine({ link }: { link: Link }) {
  const { reason, recordLead } = linkReason(link.rule);
  return (
    <div className="link-line" data-rule={link.rule}>
      <span className="link-reason">{reason}</span>{' '}
      <span className="link-detail muted small">
        {recordLead} {link.provider} <code className="link-record">{link.externalId}</code> ·{' '}
        <span className="nowrap">
          linked <DateTime value={link.linkedAt} relative />
        </span>
      </span>
    </div>
  );
}

// Client-certificate authentication reads the subject CN/O and issuer CN from kubeadm's certificates.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCertificate } from '../../src/kube/apiserver/x509';

const ASSETS = new URL('../../assets/rootfs/kube-control-plane/files/', import.meta.url);

describe('parseCertificate', () => {
  it('reads kubernetes-admin in system:masters from admin.conf client-certificate-data', () => {
    const conf = readFileSync(new URL('etc/kubernetes/admin.conf', ASSETS), 'utf8');
    const data = /client-certificate-data: (\S+)/.exec(conf)![1]!;
    expect(parseCertificate(data)).toEqual({ commonName: 'kubernetes-admin', organizations: ['system:masters'], issuerCommonName: 'kubernetes' });
  });

  it('reads the kubelet identity from a PEM file', () => {
    const pem = readFileSync(new URL('var/lib/kubelet/pki/kubelet-client-2023-01-24-15-01-44.pem', ASSETS), 'utf8');
    expect(parseCertificate(pem)).toMatchObject({ commonName: 'system:node:kube-control-plane', organizations: ['system:nodes'] });
  });

  it.each([[''], ['not base64 !!'], ['LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCmFiYwotLS0tLUVORCBDRVJUSUZJQ0FURS0tLS0tCg=='], ['-----BEGIN CERTIFICATE-----\nMAA=\n-----END CERTIFICATE-----']])(
    'returns null for malformed input %#',
    (s) => {
      expect(parseCertificate(s)).toBeNull();
    },
  );
});

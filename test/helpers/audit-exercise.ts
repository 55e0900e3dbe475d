// The chapter's audit exercise 3 as the learner ends it: one policy text for the audit CLI, kube-audit,
// kube wiring and end-to-end tests, so they all check the same file.

export const EXERCISE_POLICY = `apiVersion: audit.k8s.io/v1
kind: Policy
omitStages:
  - "RequestReceived"
rules:
  - level: RequestResponse
    resources:
    - group: ""
      resources: ["pods"]
  - level: Metadata
    resources:
    - group: ""
      resources: ["secrets", "configmaps"]
  - level: Request
    resources:
    - group: ""
      resources: ["services"]
`;

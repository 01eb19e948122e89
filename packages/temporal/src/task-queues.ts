/** Each service owns its task queue (architecture principle 7). */
export const TASK_QUEUES = {
  /** The workflows and the case-record activities (services/worker). */
  complaints: 'complaints',
  /** Rendering and delivery of correspondence (services/correspondence). */
  correspondence: 'correspondence',
  /** Partner organisations of joint responses (services/joint-protocol). */
  jointProtocol: 'joint-protocol',
} as const;

export type TaskQueue = (typeof TASK_QUEUES)[keyof typeof TASK_QUEUES];

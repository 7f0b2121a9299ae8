// Test helpers over the real Kafka (imported as @platform/messaging/testing, tests only).
export {
  deleteTestTopics,
  readTopic,
  produceRaw,
  waitForGroupCaughtUp,
  topicEndOffsets,
  type ReadMessage,
} from './topics';
export { readTopicsWithPrefix, type PrefixMessage } from './prefix-topics';

/**
 * @module store/topics: names of the things a blocking query can wait on. A write wakes exactly
 * the watchers of the topics it touched, never everybody.
 */
export const TOPIC_SERVICES = "catalog:services";
export const TOPIC_CHECKS = "catalog:checks";
export const serviceTopic = (name: string): string => `service:${name}`;
export const kvKeyTopic = (key: string): string => `kv:${key}`;
export const kvPrefixTopic = (prefix: string): string => `kvprefix:${prefix}`;

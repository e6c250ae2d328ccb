/**
 * An offline AWS IoT rules engine: topic rules in AWS's own {@code create-topic-rule} JSON, their IoT SQL
 * compiled once and evaluated against messages, and renderers that say what each action (Timestream, InfluxDB,
 * S3, SNS, CloudWatch Logs) would send.
 *
 * <p>Entry points: {@link io.sysmon.examples.rules.TopicRule#load(java.nio.file.Path)},
 * {@link io.sysmon.examples.rules.RuleEngine#evaluate(String, byte[], String, java.time.Instant)} and
 * {@link io.sysmon.examples.rules.ShippedRules}. The SQL follows AWS's SQL reference: Undefined for missing or
 * mistyped values (left out of results), the truth tables of its operators, the simple {@code CASE} form, the
 * {@code SET} clause, and the number handling of SQL versions 2015-10-08 and 2016-03-23.
 */
package io.sysmon.examples.rules;

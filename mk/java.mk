# Java binding (bindings/java): Maven project dev.wsclose:wsclose over libwsclose, one
# multi-release jar for JDK 17 and newer: JNA below JDK 22, the Foreign Function & Memory API
# from 22 (META-INF/versions/22). Maven runs on a JDK >= 22 (the one bindings/java/find-jdk.sh
# finds), which compiles both trees; the tests run against the jar on JDK 25, 17 and 21
# (find-jdk.sh N; scripts/setup.d/60-java.sh installs a JDK 21 runtime into build/jdk21). The
# library comes from `ffi-install-local` (build/prefix).
#
#   make test-java      mvn verify: the JUnit 5 suite on JDK 25 (FFM), 17 and 21 (JNA)
#   make diff-java      the Java answers to the differential corpus on JDK 25 (FFM) -> build/differential/java.txt
#   make diff-java-jna  the same on JDK 17 (JNA) -> build/differential/java-jna.txt
#   make bench-java     ns per classify via FFM (JDK 25) and JNA (JDK 17) vs an inline Java switch -> docs/benchmarks.md
.PHONY: test-java demo-java diff-java diff-java-jna bench-java java-compile

JAVA_DIR := $(ROOT)/bindings/java
JAVA_LIB := $(ROOT)/build/prefix/lib/libwsclose.so
# -q keeps Maven's own chatter out; the failsafe logger stays at info so that its
# "Tests run: …" summary is printed.
JAVA_MVN := mvn -B -ntp -q -Dstyle.color=never -f $(JAVA_DIR)/pom.xml \
  -Dorg.slf4j.simpleLogger.log.org.apache.maven.plugin.failsafe=info
# The jar (its META-INF/versions/22 tree only counts in a jar), the test classes, and JNA
# (target/runtime.classpath, written by java-compile).
JAVA_RUN := -cp $$(ls $(JAVA_DIR)/target/wsclose-*.jar):$(JAVA_DIR)/target/test-classes:$$(cat $(JAVA_DIR)/target/runtime.classpath)

# The JDK for Maven; Maven 3.8's bundled Guava calls sun.misc.Unsafe, which JDK 23+ warns about
# unless told to allow it (older JDKs do not know the option).
JAVA_ENV := jdk=$$(bash $(JAVA_DIR)/find-jdk.sh); export JAVA_HOME=$$jdk; \
  if "$$jdk/bin/java" --sun-misc-unsafe-memory-access=allow -version >/dev/null 2>&1; then \
    export MAVEN_OPTS="$${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"; fi
# The three JDKs the jar is tested on; find-jdk.sh N fails with a message when one is missing.
JAVA_JDKS := { jdk17=$$(bash $(JAVA_DIR)/find-jdk.sh 17) && jdk21=$$(bash $(JAVA_DIR)/find-jdk.sh 21) && \
  jdk25=$$(bash $(JAVA_DIR)/find-jdk.sh 25); } || exit 1

# clean: failsafe adds each run to the summary files it finds, so old ones would count again.
test-java: ffi-install-local ## mvn verify: the JUnit suite on JDK 25 (FFM), 17 and 21 (JNA)
	$(JAVA_ENV); $(JAVA_JDKS); WSCLOSE_LIBRARY=$(JAVA_LIB) $(JAVA_MVN) \
	  -Dwsclose.jdk17=$$jdk17 -Dwsclose.jdk21=$$jdk21 -Dwsclose.jdk25=$$jdk25 clean verify

java-compile:
	$(JAVA_ENV); $(JAVA_MVN) package org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath \
	  -Dmdep.includeScope=runtime -Dmdep.outputFile=$(JAVA_DIR)/target/runtime.classpath

demo-java: ffi-install-local java-compile
	@echo "== Java (FFM) =="
	@jdk=$$(bash $(JAVA_DIR)/find-jdk.sh 25) || exit 1; WSCLOSE_LIBRARY=$(JAVA_LIB) \
	  $$jdk/bin/java --enable-native-access=ALL-UNNAMED $(JAVA_RUN) dev.wsclose.Demo 1000 1006 1014 3000 4999 5000

# The answers through the public API (src/test/java/dev/wsclose/Differential.java).
diff-java: ffi-install-local java-compile
	@mkdir -p $(DIFF_DIR)
	@jdk=$$(bash $(JAVA_DIR)/find-jdk.sh 25) || exit 1; WSCLOSE_LIBRARY=$(JAVA_LIB) \
	  $$jdk/bin/java --enable-native-access=ALL-UNNAMED $(JAVA_RUN) dev.wsclose.Differential --route ffm \
	  $(ROOT)/tests/differential $(DIFF_DIR)/java.txt

# The same program on JDK 17, where the jar's base classes call libwsclose through JNA.
diff-java-jna: ffi-install-local java-compile
	@mkdir -p $(DIFF_DIR)
	@jdk=$$(bash $(JAVA_DIR)/find-jdk.sh 17) || exit 1; WSCLOSE_LIBRARY=$(JAVA_LIB) \
	  $$jdk/bin/java $(JAVA_RUN) dev.wsclose.Differential --route jna \
	  $(ROOT)/tests/differential $(DIFF_DIR)/java-jna.txt

# JNA on JDK 17 first (its rows into build/java-bench-jna.txt), then FFM on JDK 25, which writes
# the bench:java section of docs/benchmarks.md with both.
bench-java: ffi-install-local java-compile ## ns per classify via FFM and JNA vs a Java switch -> docs/benchmarks.md
	jdk=$$(bash $(JAVA_DIR)/find-jdk.sh 17) || exit 1; WSCLOSE_LIBRARY=$(JAVA_LIB) \
	  $$jdk/bin/java $(JAVA_RUN) dev.wsclose.ClassifyBench --rows $(ROOT)/build/java-bench-jna.txt
	jdk=$$(bash $(JAVA_DIR)/find-jdk.sh 25) || exit 1; WSCLOSE_LIBRARY=$(JAVA_LIB) \
	  $$jdk/bin/java --enable-native-access=ALL-UNNAMED $(JAVA_RUN) dev.wsclose.ClassifyBench \
	  --rows $(ROOT)/build/java-bench-ffm.txt --report $(ROOT)/docs/benchmarks.md $(ROOT)/build/java-bench-jna.txt

TEST_TARGETS += test-java
BENCH_TARGETS += bench-java
DIFF_TARGETS += diff-java diff-java-jna

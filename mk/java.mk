# Java binding (bindings/java): Maven project dev.wsclose:wsclose over libwsclose through the
# Foreign Function & Memory API, which needs a JDK >= 22 (bindings/java/find-jdk.sh picks one;
# Temurin 25 on this machine). The library comes from `ffi-install-local` (build/prefix).
#
#   make test-java    mvn verify: JUnit 5 (vectors, exhaustive, errors, README snippet)
#   make diff-java    the Java answers to the differential corpus -> build/differential/java.txt
#   make bench-java   ns per classify via FFM vs an inline Java switch -> docs/benchmarks.md
.PHONY: test-java demo-java diff-java bench-java java-compile

JAVA_DIR := $(ROOT)/bindings/java
JAVA_LIB := $(ROOT)/build/prefix/lib/libwsclose.so
# -q keeps Maven's own chatter out; the surefire logger stays at info so that its
# "Tests run: …" summary is printed.
JAVA_MVN := mvn -B -ntp -q -Dstyle.color=never -f $(JAVA_DIR)/pom.xml \
  -Dorg.slf4j.simpleLogger.log.org.apache.maven.plugin.surefire=info
JAVA_RUN := --enable-native-access=ALL-UNNAMED -cp $(JAVA_DIR)/target/classes:$(JAVA_DIR)/target/test-classes

# The JDK for Maven; Maven 3.8's bundled Guava calls sun.misc.Unsafe, which JDK 23+ warns about
# unless told to allow it (older JDKs do not know the option).
JAVA_ENV := jdk=$$(bash $(JAVA_DIR)/find-jdk.sh); export JAVA_HOME=$$jdk; \
  if "$$jdk/bin/java" --sun-misc-unsafe-memory-access=allow -version >/dev/null 2>&1; then \
    export MAVEN_OPTS="$${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"; fi

test-java: ffi-install-local
	$(JAVA_ENV); WSCLOSE_LIBRARY=$(JAVA_LIB) $(JAVA_MVN) verify

java-compile:
	$(JAVA_ENV); $(JAVA_MVN) test-compile

demo-java: ffi-install-local java-compile
	@echo "== Java (FFM) =="
	@jdk=$$(bash $(JAVA_DIR)/find-jdk.sh); WSCLOSE_LIBRARY=$(JAVA_LIB) \
	  $$jdk/bin/java $(JAVA_RUN) dev.wsclose.Demo 1000 1006 1014 3000 4999 5000

# The answers through the public API (src/test/java/dev/wsclose/Differential.java); $(DIFF_DIR)
# comes from mk/differential.mk, included last, so it is only read inside the recipe.
diff-java: ffi-install-local java-compile
	@mkdir -p $(DIFF_DIR)
	@jdk=$$(bash $(JAVA_DIR)/find-jdk.sh); WSCLOSE_LIBRARY=$(JAVA_LIB) \
	  $$jdk/bin/java $(JAVA_RUN) dev.wsclose.Differential $(ROOT)/tests/differential $(DIFF_DIR)/java.txt

bench-java: ffi-install-local java-compile
	jdk=$$(bash $(JAVA_DIR)/find-jdk.sh); WSCLOSE_LIBRARY=$(JAVA_LIB) \
	  $$jdk/bin/java $(JAVA_RUN) dev.wsclose.ClassifyBench --report $(ROOT)/docs/benchmarks.md

DEMO_TARGETS += demo-java
TEST_TARGETS += test-java
BENCH_TARGETS += bench-java
DIFF_TARGETS += diff-java

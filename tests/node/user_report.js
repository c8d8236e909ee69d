// The Azure Q&A user report's code, unmodified in substance, run against the
// simulator: text in, g711_ulaw out, modalities text+audio, conversation "none".
// Prints one JSON summary line; tests/simulator/test_sim_node_sdk.py checks it.
"use strict";
const { AzureOpenAI } = require("openai");
const { OpenAIRealtimeWS } = require("openai/beta/realtime/ws");

const myCustomInstructions = process.env.SIM_INSTRUCTIONS || "Translate the user's text into English.";
const myCustomText = process.env.SIM_TEXT || "Hello.";
const summary = { audio_bytes: 0, deltas: 0, transcript: null, status: null, part_types: [], events: [], errors: [] };

function finish(code) {
  process.stdout.write(JSON.stringify(summary) + "\n");
  process.exit(code);
}

class Translator {
  async start() {
    this.translationWs = await OpenAIRealtimeWS.azure(
      new AzureOpenAI({
        apiKey: process.env.AZURE_OPENAI_API_KEY,
        endpoint: process.env.AZURE_OPENAI_ENDPOINT,
        apiVersion: "2024-10-01-preview",
        deployment: "gpt-realtime",
      })
    );

    this.translationWs.socket.on("open", () => {
      this.sendTranslationMessage({
        type: "session.update",
        session: {
          modalities: ["text", "audio"],
          instructions: myCustomInstructions,
          output_audio_format: "g711_ulaw",
          temperature: 0.6,
        },
      });
    });
    this.translationWs.on("response.audio.delta", (data) => {
      processAudio(data.delta);
    });

    this.translationWs.on("response.audio_transcript.done", async (data) => {
      console.error("translation: ", data.transcript);
      summary.transcript = data.transcript;
    });

    this.translationWs.on("event", (event) => summary.events.push(event.type));
    this.translationWs.on("response.content_part.added", (event) => summary.part_types.push(event.part.type));
    this.translationWs.on("error", (err) => {
      summary.errors.push(String(err && err.message ? err.message : err));
      finish(1);
    });
    this.translationWs.on("session.updated", () => this.translate());
    this.translationWs.on("response.done", (event) => {
      summary.status = event.response.status;
      summary.audio_tokens = event.response.usage.output_token_details.audio_tokens;
      this.translationWs.close();
      finish(0);
    });
  }

  sendTranslationMessage(message) {
    this.translationWs.send(message);
  }

  // "after making sure I receive the session.updated event"
  translate() {
    this.translationWs.send({
      type: "conversation.item.create",
      item: {
        type: "message",
        role: "user",
        content: [
          {
            type: "input_text",
            text: myCustomText,
          },
        ],
      },
    });
    this.translationWs.send({
      type: "response.create",
      response: { modalities: ["text", "audio"], conversation: "none" },
    });
  }
}

function processAudio(delta) {
  summary.audio_bytes += Buffer.from(delta, "base64").length;
  summary.deltas += 1;
}

setTimeout(() => {
  summary.errors.push("timed out");
  finish(2);
}, Number(process.env.SIM_TIMEOUT_MS || 30000));

new Translator().start().catch((err) => {
  summary.errors.push(String(err && err.stack ? err.stack : err));
  finish(1);
});

using Lodestar.Knowledge.Conversations;

namespace Lodestar.Knowledge.Tests.Conversations;

public sealed class FollowUpRewriterTests
{
    private static readonly ConversationTurn Previous = new("How do I rotate an API key?", "How do I rotate an API key?", "Open the console… [1]", DateTimeOffset.UnixEpoch);

    [Fact]
    public void Rewrite_NoHistory_ReturnsQuestion()
    {
        Assert.Equal("How long is it valid?", FollowUpRewriter.Rewrite("How long is it valid?", []));
    }

    [Fact]
    public void Rewrite_PronounFollowUp_CarriesPreviousContentWords()
    {
        var rewritten = FollowUpRewriter.Rewrite("How long is it valid?", [Previous]);

        Assert.Equal("How long is it valid? (rotate API key)", rewritten);
    }

    [Fact]
    public void Rewrite_WhatAboutFollowUp_CarriesOnlyMissingWords()
    {
        var rewritten = FollowUpRewriter.Rewrite("And what about an SSH key?", [Previous]);

        Assert.Equal("And what about an SSH key? (rotate API)", rewritten);
    }

    [Fact]
    public void Rewrite_SelfContainedQuestion_IsUnchanged()
    {
        const string question = "What is the laptop encryption policy for contractors?";

        Assert.Equal(question, FollowUpRewriter.Rewrite(question, [Previous]));
    }
}
